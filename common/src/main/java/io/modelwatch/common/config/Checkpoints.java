package io.modelwatch.common.config;

import java.time.Duration;
import java.util.Set;

/**
 * How a job checkpoints: both jobs read the {@code checkpoints} keys the same way.
 *
 * @param interval 0s: no checkpoints (then no Kafka sink can be exactly once)
 * @param stateBackend {@code hashmap} or {@code rocksdb}
 * @param directory checkpoint storage URI, or null for the cluster's default
 */
public record Checkpoints(Duration interval, String stateBackend, String directory) {
    /** For bounded runs on the command line, which have nothing to recover. */
    public static final Checkpoints NONE = new Checkpoints(Duration.ZERO, "hashmap", null);
    private static final Set<String> STATE_BACKENDS = Set.of("hashmap", "rocksdb");

    public void check(Problems problems, boolean exactlyOnceKafkaSink) {
        problems.notNegative("checkpoints.interval", interval);
        problems.oneOf("checkpoints.state-backend", stateBackend, STATE_BACKENDS);
        if (exactlyOnceKafkaSink && interval != null && interval.isZero()) {
            problems.add("checkpoints.interval: the exactly-once Kafka sink commits on checkpoints; set an interval");
        }
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
