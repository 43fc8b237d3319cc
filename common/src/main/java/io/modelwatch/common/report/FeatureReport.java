package io.modelwatch.common.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/**
 * One feature in one window. Numerical features carry moments, quantiles and a histogram over
 * the reference bins; categorical ones carry frequencies and the share of unseen categories.
 * The other type's section is null and so absent from the JSON, while the fields of the
 * feature's own section are always written (null when they cannot be computed).
 *
 * @param type {@value #NUMERICAL} or {@value #CATEGORICAL}
 * @param count events of the window that carried this feature, missing values included
 * @param drift null when the feature has no reference or no values left after removing missing ones
 * @param stats every drift statistic that applies to the feature (psi, ks_statistic, …)
 */
public record FeatureReport(
        String type,
        long count,
        long missing,
        Double missingShare,
        @JsonUnwrapped NumericalSummary numerical,
        @JsonUnwrapped CategoricalSummary categorical,
        DriftVerdict drift,
        Map<String, Double> stats) {

    public static final String NUMERICAL = "numerical";
    public static final String CATEGORICAL = "categorical";

    public FeatureReport {
        // JSON reading fills both unwrapped sections; only the feature's own type has one.
        if (NUMERICAL.equals(type)) {
            categorical = null;
        } else if (CATEGORICAL.equals(type)) {
            numerical = null;
        }
    }
}
