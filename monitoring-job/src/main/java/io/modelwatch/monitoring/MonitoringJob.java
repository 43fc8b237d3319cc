package io.modelwatch.monitoring;

/** Entry point of the monitoring job jar for {@code flink run}. */
public final class MonitoringJob {
    private MonitoringJob() {}

    public static void main(String[] args) {
        System.err.println("The monitoring job is not available yet in this build; see the README's status section.");
        System.exit(2);
    }
}
