package io.modelwatch.retraining.delivery;

import io.modelwatch.retraining.decision.Decision;
import java.util.Objects;

/**
 * One decision to deliver to one of the actions its rule names. Public: Flink serializes it as a
 * POJO when it waits in the async operator's checkpointed state.
 *
 * @param action the action's name in the rule set
 * @param actionJson the action as the rule set in force when the decision was made defined it
 *     ({@code ActionConfig.toJson()}: type and settings, secrets by name only), so a rule set
 *     changed meanwhile does not redirect it; null in a request restored from a savepoint of a
 *     release before rules came from a topic, which is then delivered to the rules file's action
 */
public record DeliveryRequest(Decision decision, String action, String actionJson) {
    public DeliveryRequest {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(action, "action");
    }

    /** A request for the rules file's action of that name. */
    public DeliveryRequest(Decision decision, String action) {
        this(decision, action, null);
    }
}
