package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * Keeps the outcomes of classifiers: the concept-drift detectors watch a right/wrong stream, which
 * a regressor's numbers, rarely exactly equal to their label, do not give.
 */
public final class ClassifierOutcomes implements FilterFunction<LabeledOutcome> {
    private static final long serialVersionUID = 1L;

    private final Set<String> regressionModels;

    public ClassifierOutcomes(Set<String> regressionModels) {
        this.regressionModels = Set.copyOf(regressionModels);
    }

    @Override
    public boolean filter(LabeledOutcome outcome) {
        return !regressionModels.contains(outcome.model());
    }
}
