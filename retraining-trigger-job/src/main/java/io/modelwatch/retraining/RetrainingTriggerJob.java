package io.modelwatch.retraining;

/** Entry point of the retraining-trigger job jar for {@code flink run}. */
public final class RetrainingTriggerJob {
    private RetrainingTriggerJob() {}

    public static void main(String[] args) {
        System.err.println("The retraining-trigger job is not available yet in this build; see the README's status section.");
        System.exit(2);
    }
}
