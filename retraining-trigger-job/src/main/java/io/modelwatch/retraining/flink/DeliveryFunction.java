package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.action.DeliveryResult;
import io.modelwatch.retraining.action.RetrainingTarget;
import io.modelwatch.retraining.action.TargetFactory;
import io.modelwatch.retraining.delivery.CompletedDelivery;
import io.modelwatch.retraining.delivery.DeliveryRequest;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.delivery.FinalOutcome;
import io.modelwatch.retraining.delivery.RetryingDelivery;
import io.modelwatch.retraining.action.ActionConfigException;
import io.modelwatch.retraining.rules.ActionConfig;
import io.modelwatch.retraining.rules.RuleConfigException;
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
 * <p>A request carries its action as the rule set in force when the decision was made defined it
 * (rule sets can change while the job runs, docs/RULES-TOPIC.md); its target is built the first
 * time that definition is needed and kept for the next requests. The rules file's actions are
 * built in {@link #open}, so a broken one fails the job before it starts, and serve requests
 * restored from a release whose requests named their action only. The parsed configuration and
 * the targets are not serializable, hence the text. Secrets are read only when an attempt is made.
 */
public class DeliveryFunction extends RichAsyncFunction<DeliveryRequest, CompletedDelivery> {
    private final String rulesYaml;
    private final DeliverySettings settings;

    private transient TargetFactory factory;
    /** The rules file's actions by name. */
    private transient Map<String, ActionConfig> fileActions;
    /** Targets by action name and definition ({@link #definitionKey}). */
    private transient Map<String, BuiltTarget> targets;
    private transient ScheduledThreadPoolExecutor executor;
    private transient RetryingDelivery delivery;
    private transient Map<DeliveryRequest, RetryingDelivery.Pending> inFlight;
    private transient MetricGroup modelwatch;
    private transient Map<String, ActionCounters> counters;

    private record BuiltTarget(String type, RetrainingTarget target) {}

    public DeliveryFunction(String rulesYaml, DeliverySettings settings) {
        this.rulesYaml = rulesYaml;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        factory = TargetFactory.system();
        fileActions = RuleSetLoader.parse(rulesYaml).actions();
        targets = new HashMap<>();
        modelwatch = getRuntimeContext().getMetricGroup().addGroup("modelwatch");
        counters = new HashMap<>();
        for (ActionConfig action : fileActions.values()) {
            target(action);
        }
        executor = new ScheduledThreadPoolExecutor(settings.threads(), daemonThreads(
                getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks()));
        executor.setRemoveOnCancelPolicy(true);
        delivery = new RetryingDelivery(executor, settings.retry(), new SecureRandom());
        // By identity: the operator hands timeout() the very object it handed asyncInvoke().
        inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
    }

    @Override
    public void asyncInvoke(DeliveryRequest request, ResultFuture<CompletedDelivery> resultFuture) {
        BuiltTarget target;
        try {
            target = target(request);
        } catch (RuleConfigException | ActionConfigException e) {
            // Rule sets are validated before they come into force, so only a request restored into
            // another release can get here; the message names the action and its setting, no secret.
            resultFuture.complete(List.of(permanentFailure(request, e.getMessage())));
            return;
        }
        if (target == null) {
            // Restored from a checkpoint taken with a rules file that still had this action.
            resultFuture.complete(List.of(permanentFailure(request, "the rules file no longer defines this action")));
            return;
        }
        ActionCounters actionCounters = counters.get(request.action());
        RetryingDelivery.Pending pending = delivery.start(request, target.type(), target.target());
        inFlight.put(request, pending);
        pending.result().thenAccept(outcome -> {
            inFlight.remove(request);
            actionCounters.count(outcome);
            resultFuture.complete(List.of(outcome));
        });
    }

    /** The request's target; null when it names only its action and the rules file has none of that name. */
    private BuiltTarget target(DeliveryRequest request) {
        if (request.actionJson() != null) {
            BuiltTarget built = targets.get(definitionKey(request.action(), request.actionJson()));
            return built != null ? built : target(ActionConfig.fromJson(request.action(), request.actionJson()));
        }
        ActionConfig fileAction = fileActions.get(request.action());
        return fileAction == null ? null : target(fileAction);
    }

    private BuiltTarget target(ActionConfig action) {
        return targets.computeIfAbsent(definitionKey(action.name(), action.toJson()), key -> {
            Map<String, Object> withTimeout = new LinkedHashMap<>(action.settings());
            withTimeout.put("timeout", settings.attemptTimeout().toMillis() + "ms");
            // One set of counters per action name, whichever of its definitions delivers.
            counters.computeIfAbsent(action.name(), name -> ActionCounters.register(modelwatch.addGroup("action", name)));
            return new BuiltTarget(action.type().wireName(),
                    factory.create(action.name(), action.type().wireName(), withTimeout));
        });
    }

    private static String definitionKey(String action, String actionJson) {
        return action + "\n" + actionJson;
    }

    private static CompletedDelivery permanentFailure(DeliveryRequest request, String detail) {
        return new CompletedDelivery(request.decision(), request.action(), "unknown", FinalOutcome.PERMANENT_FAILURE, 0,
                DeliveryResult.NO_STATUS, detail);
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
            targets.values().forEach(built -> built.target().close());
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
