package io.modelwatch.common.profile;

/** The {@code type} values of a feature profile, the same words as in window reports. */
final class FeatureProfileType {
    static final String NUMERICAL = "numerical";
    static final String CATEGORICAL = "categorical";

    private FeatureProfileType() {}
}
