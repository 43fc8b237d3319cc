package io.modelwatch.retraining.delivery;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.action.DecisionJson;
import io.modelwatch.retraining.action.DeliveryResult;
import io.modelwatch.retraining.decision.Decision;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The final outcome of delivering one decision to one action. Every text in it is secret-free:
 * {@code detail} is the last attempt's {@link DeliveryResult#detail()}.
 *
 * @param targetType the action's type: airflow, stepfunctions, github, webhook, slack or email
 * @param attempts how many attempts were made (0 when the time ran out before the first one)
 * @param status the last answer's HTTP status or SMTP reply code, {@link DeliveryResult#NO_STATUS} when none came
 */
public record CompletedDelivery(Decision decision, String action, String targetType, FinalOutcome outcome,
        int attempts, int status, String detail) {
    /** {@link DeadLetter#sourceTopic()} of a failed delivery names the action after this prefix. */
    public static final String DEAD_LETTER_SOURCE_PREFIX = "action:";

    public CompletedDelivery {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean failed() {
        return !outcome.succeeded();
    }

    /**
     * The dead letter of a failed delivery (docs/ARCHITECTURE.md section 5): the decision as it is sent as payload,
     * {@code action:NAME} as source, no partition or offset (-1), the reason as error.
     */
    public DeadLetter deadLetter() {
        return DeadLetter.of(DEAD_LETTER_SOURCE_PREFIX + action, -1, -1, summary(),
                DecisionJson.toJson(decision).getBytes(StandardCharsets.UTF_8));
    }

    /** One line: "retries_exhausted after 5 attempts (webhook ml-hook): HTTP 503". */
    public String summary() {
        return outcome.wireName() + " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + " (" + targetType + " " + action + "): " + detail;
    }
}
