package io.modelwatch.retraining.rules;

/** The rules file is malformed or inconsistent; the message names the rule or action and the problem. */
public class RuleConfigException extends RuntimeException {
    public RuleConfigException(String message) {
        super(message);
    }

    public RuleConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static RuleConfigException forRule(String rule, String problem) {
        return new RuleConfigException("rule '" + rule + "': " + problem);
    }

    static RuleConfigException forAction(String action, String problem) {
        return new RuleConfigException("action '" + action + "': " + problem);
    }
}
