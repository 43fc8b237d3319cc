package io.modelwatch.retraining.action;

/**
 * Ends a delivery attempt early with a classified result (no answer, a missing secret, ...).
 * Its message is the result's detail, so it is as secret-free as the detail.
 */
public final class DeliveryFailure extends Exception {
    private final transient DeliveryResult result;

    public DeliveryFailure(DeliveryResult result) {
        super(result.detail(), null, false, false);
        this.result = result;
    }

    public static DeliveryFailure permanent(String detail) {
        return new DeliveryFailure(DeliveryResult.permanent(DeliveryResult.NO_STATUS, detail));
    }

    public DeliveryResult result() {
        return result;
    }
}
