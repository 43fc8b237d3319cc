package io.modelwatch.monitoring.generator;

import io.modelwatch.common.event.FeatureValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** The true attributes of one credit applicant, as the model would see them if nothing were lost. */
record Applicant(double income, int age, double utilization, double debtRatio, int tenureMonths,
        String region, String channel) {

    static final String INCOME = "income";
    static final String AGE = "age";
    static final String UTILIZATION = "utilization";
    static final String DEBT_RATIO = "debt_ratio";
    static final String TENURE_MONTHS = "tenure_months";
    static final String REGION = "region";
    static final String CHANNEL = "channel";

    /** The features in a fixed order; integers are written without a fraction, as a producer would. */
    Map<String, FeatureValue> features() {
        Map<String, FeatureValue> features = new LinkedHashMap<>();
        features.put(INCOME, FeatureValue.ofNumber(income));
        features.put(AGE, FeatureValue.ofNumber(age, Integer.toString(age)));
        features.put(UTILIZATION, FeatureValue.ofNumber(utilization));
        features.put(DEBT_RATIO, FeatureValue.ofNumber(debtRatio));
        features.put(TENURE_MONTHS, FeatureValue.ofNumber(tenureMonths, Integer.toString(tenureMonths)));
        features.put(REGION, FeatureValue.ofText(region));
        features.put(CHANNEL, FeatureValue.ofText(channel));
        return features;
    }
}
