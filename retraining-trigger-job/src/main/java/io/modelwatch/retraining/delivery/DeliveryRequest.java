package io.modelwatch.retraining.delivery;

import io.modelwatch.retraining.decision.Decision;
import java.util.Objects;

/**
 * One decision to deliver to one of the actions its rule names. Public: Flink serializes it as a
 * POJO when it waits in the async operator's checkpointed state.
 *
 * @param action the action's name in the rules file
 */
public record DeliveryRequest(Decision decision, String action) {
    public DeliveryRequest {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(action, "action");
    }
}
