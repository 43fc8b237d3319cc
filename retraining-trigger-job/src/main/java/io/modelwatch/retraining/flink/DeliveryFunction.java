package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.action.DeliveryResult;
import io.modelwatch.retraining.action.RetrainingTarget;
import io.modelwatch.retraining.action.TargetFactory;
import io.modelwatch.retraining.delivery.CompletedDelivery;
import io.modelwatch.retraining.delivery.DeliveryRequest;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.delivery.FinalOutcome;
import io.modelwatch.retraining.delivery.RetryingDelivery;
import io.modelwatch.retraining.rules.ActionConfig;
import io.modelwatch.retraining.rules.RuleSetLoader;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Delivers each request to its action's target, for {@code AsyncDataStream.unorderedWait}.
 *
 * <p>Retries happen inside this function ({@link RetryingDelivery}) rather than through Flink's
 * {@code AsyncRetryStrategy}: a retry strategy sees only the emitted result or exception, so it
 * cannot wait for the target's {@code Retry-After}, and its delays are not jittered per attempt
 * with our {@code RetryPolicy}. The operator's timeout therefore spans the whole delivery, and
 * {@link #timeout} turns it into a {@code timed_out} outcome instead of failing the job.
 *
 * <p>Targets are built in {@link #open} from the rules file's text (the parsed configuration and
 * the targets are not serializable); secrets are read only when an attempt is made.
 */
public class DeliveryFunction extends RichAsyncFunction<DeliveryRequest, CompletedDelivery> {
    private final String rulesYaml;
    private final DeliverySettings settings;

    private transient Map<String, RetrainingTarget> targets;
    private transient Map<String, String> targetTypes;
    private transient ScheduledThreadPoolExecutor executor;
    private transient RetryingDelivery delivery;
    private transient Map<DeliveryRequest, RetryingDelivery.Pending> inFlight;
    private transient Map<String, ActionCounters> counters;

    public DeliveryFunction(String rulesYaml, DeliverySettings settings) {
        this.rulesYaml = rulesYaml;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        TargetFactory factory = TargetFactory.system();
        targets = new HashMap<>();
        targetTypes = new HashMap<>();
        for (ActionConfig action : RuleSetLoader.parse(rulesYaml).actions().values()) {
            Map<String, Object> withTimeout = new LinkedHashMap<>(action.settings());
            withTimeout.put("timeout", settings.attemptTimeout().toMillis() + "ms");
            targets.put(action.name(), factory.create(action.name(), action.type().wireName(), withTimeout));
            targetTypes.put(action.name(), action.type().wireName());
        }
        executor = new ScheduledThreadPoolExecutor(settings.threads(), daemonThreads(
                getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks()));
        executor.setRemoveOnCancelPolicy(true);
        delivery = new RetryingDelivery(executor, settings.retry(), new SecureRandom());
        // By identity: the operator hands timeout() the very object it handed asyncInvoke().
        inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
        MetricGroup modelwatch = getRuntimeContext().getMetricGroup().addGroup("modelwatch");
        counters = new HashMap<>();
        for (String action : targets.keySet()) {
            counters.put(action, ActionCounters.register(modelwatch.addGroup("action", action)));
        }
    }

    @Override
    public void asyncInvoke(DeliveryRequest request, ResultFuture<CompletedDelivery> resultFuture) {
        RetrainingTarget target = targets.get(request.action());
        if (target == null) {
            // Restored from a checkpoint taken with a rules file that still had this action.
            resultFuture.complete(List.of(new CompletedDelivery(request.decision(), request.action(), "unknown",
                    FinalOutcome.PERMANENT_FAILURE, 0, DeliveryResult.NO_STATUS,
                    "the rules file no longer defines this action")));
            return;
        }
        RetryingDelivery.Pending pending = delivery.start(request, targetTypes.get(request.action()), target);
        inFlight.put(request, pending);
        pending.result().thenAccept(outcome -> {
            inFlight.remove(request);
            counters.get(request.action()).count(outcome);
            resultFuture.complete(List.of(outcome));
        });
    }

    @Override
    public void timeout(DeliveryRequest request, ResultFuture<CompletedDelivery> resultFuture) {
        RetryingDelivery.Pending pending = inFlight.remove(request);
        if (pending != null) {
            // Completes the pending result, whose callback then completes resultFuture.
            pending.timeOut(settings.timeout());
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (targets != null) {
            targets.values().forEach(RetrainingTarget::close);
        }
    }

    private static ThreadFactory daemonThreads(String task) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "delivery " + count.incrementAndGet() + " of " + task);
            thread.setDaemon(true);
            return thread;
        };
    }
}
