package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.delivery.CompletedDelivery;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** One action's delivery counters, named as deploy/prometheus/METRICS.md says. */
record ActionCounters(Counter succeeded, Counter failed, Counter retries) {

    static ActionCounters register(MetricGroup action) {
        return new ActionCounters(action.counter("deliveries_succeeded"), action.counter("deliveries_failed"),
                action.counter("delivery_retries"));
    }

    void count(CompletedDelivery delivery) {
        (delivery.failed() ? failed : succeeded).inc();
        if (delivery.attempts() > 1) {
            retries.inc(delivery.attempts() - 1);
        }
    }
}
