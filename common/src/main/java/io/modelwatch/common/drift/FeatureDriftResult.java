package io.modelwatch.common.drift;

import io.modelwatch.common.stats.DriftMethod;
import java.util.Map;

/**
 * Drift of one feature: the deciding method's verdict and every statistic that applies to the
 * feature's type, whatever method decided.
 *
 * @param missingShare share of the current values that were missing; null when there were none at all
 * @param score the method's statistic: KS D, the chi-square statistic, or the distance
 * @param pValue the p-value for {@code ks} and {@code chi_square} (their threshold applies to it), else null
 * @param reason why there is no verdict (method, score and drifted are then null), else null
 */
public record FeatureDriftResult(
        String type,
        Double missingShare,
        DriftMethod method,
        Double score,
        Double pValue,
        Double threshold,
        Boolean drifted,
        Map<String, Double> stats,
        String reason) {

    public static FeatureDriftResult notComputed(String type, Double missingShare, String reason) {
        return new FeatureDriftResult(type, missingShare, null, null, null, null, null, Map.of(), reason);
    }

    public boolean computed() {
        return method != null;
    }
}
