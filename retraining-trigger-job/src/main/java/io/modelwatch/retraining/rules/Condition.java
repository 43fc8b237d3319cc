package io.modelwatch.retraining.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed rule condition (see {@link ConditionParser} for the language): an immutable tree of
 * comparisons joined by {@code and} / {@code or}.
 */
public sealed interface Condition permits Condition.Comparison, Condition.And, Condition.Or {

    boolean evaluate(MetricLookup metrics);

    /**
     * The values of the comparisons that made the condition true, keyed like {@code max_psi} or
     * {@code psi[income]}, in the condition's order; empty exactly when the condition is false.
     * For {@code or}, every branch that held contributes, not only the first.
     */
    Map<String, Double> evidence(MetricLookup metrics);

    /**
     * {@code metric[feature] operator operand}; false when the metric is null, whatever the operator.
     *
     * @param feature the selector, present exactly when the metric {@link Metric#takesFeature() takes one}
     * @param operand the constant, flags and concept-drift states already turned into numbers
     */
    record Comparison(Metric metric, String feature, ComparisonOperator operator, double operand) implements Condition {
        public Comparison {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(operator, "operator");
            if (metric.takesFeature() != (feature != null)) {
                throw new IllegalArgumentException("metric " + metric.wireName()
                        + (metric.takesFeature() ? " needs a feature" : " takes no feature"));
            }
        }

        @Override
        public boolean evaluate(MetricLookup metrics) {
            Double value = metrics.value(metric, feature);
            return value != null && operator.test(value, operand);
        }

        @Override
        public Map<String, Double> evidence(MetricLookup metrics) {
            Double value = metrics.value(metric, feature);
            return value != null && operator.test(value, operand) ? Map.of(metric.key(feature), value) : Map.of();
        }
    }

    /** True when every operand is true. */
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean evaluate(MetricLookup metrics) {
            return operands.stream().allMatch(c -> c.evaluate(metrics));
        }

        @Override
        public Map<String, Double> evidence(MetricLookup metrics) {
            Map<String, Double> all = new LinkedHashMap<>();
            for (Condition operand : operands) {
                Map<String, Double> part = operand.evidence(metrics);
                if (part.isEmpty()) {
                    return Map.of();
                }
                all.putAll(part);
            }
            return Collections.unmodifiableMap(all);
        }
    }

    /** True when any operand is true. */
    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean evaluate(MetricLookup metrics) {
            return operands.stream().anyMatch(c -> c.evaluate(metrics));
        }

        @Override
        public Map<String, Double> evidence(MetricLookup metrics) {
            Map<String, Double> all = new LinkedHashMap<>();
            for (Condition operand : operands) {
                all.putAll(operand.evidence(metrics));
            }
            return Collections.unmodifiableMap(all);
        }
    }
}
