package io.modelwatch.common.flink;

/** A control topic could not be created or written to; the message says which and why. */
public final class ControlTopicException extends Exception {
    private static final long serialVersionUID = 1L;

    public ControlTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
