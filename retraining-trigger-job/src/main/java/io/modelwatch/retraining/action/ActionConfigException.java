package io.modelwatch.retraining.action;

/** An action's configuration is unusable; the message names the action and the key, never a secret value. */
public final class ActionConfigException extends IllegalArgumentException {
    public ActionConfigException(String message) {
        super(message);
    }
}
