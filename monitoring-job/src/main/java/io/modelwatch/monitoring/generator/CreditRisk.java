package io.modelwatch.monitoring.generator;

import io.modelwatch.common.event.FeatureValue;
import java.util.Map;

/**
 * A logistic model of the probability of default. Numbers enter centred on a typical applicant
 * (income 50,000, utilization 0.3, debt ratio 0.35, age 41, tenure 36 months), so a missing
 * feature contributes nothing: the model imputes the typical applicant, as the served model does.
 *
 * @param perLogIncome weight of ln(income / 50,000)
 * @param perLogDebtRatio weight of ln(debt_ratio / 0.35)
 * @param region additive effect of each region; an absent region adds nothing
 * @param channel additive effect of each channel; an absent channel adds nothing
 */
record CreditRisk(double intercept, double perLogIncome, double perUtilization, double perLogDebtRatio,
        double perYearOfAge, double perMonthOfTenure, Map<String, Double> region, Map<String, Double> channel) {

    private static final Map<String, Double> REGION_EFFECTS = Map.of("north", 0.3, "south", 0.0, "east", -0.2, "west", 0.1);
    private static final Map<String, Double> CHANNEL_EFFECTS = Map.of("web", 0.0, "app", -0.2, "branch", -0.4, "partner", 0.6);

    /**
     * The served model, credit-default v3. It was fitted on {@link Population#BEFORE_DRIFT}, where it
     * is also the true label process, so its probabilities are calibrated until the concept drifts.
     */
    static final CreditRisk SERVED_MODEL =
            new CreditRisk(-2.0, -3.4, 14.0, 3.8, -0.04, -0.015, REGION_EFFECTS, CHANNEL_EFFECTS);

    // After the drift, income and utilization predict default far less than the model learned:
    // with the population drift the served model's accuracy falls from about 0.88 to 0.70.
    static final CreditRisk AFTER_CONCEPT_DRIFT =
            new CreditRisk(-1.93, -1.5, 5.0, 3.8, -0.04, -0.015, REGION_EFFECTS, CHANNEL_EFFECTS);

    CreditRisk {
        region = Map.copyOf(region);
        channel = Map.copyOf(channel);
    }

    double probabilityOfDefault(Map<String, FeatureValue> features) {
        double logit = intercept
                + perLogIncome * Math.log(number(features, Applicant.INCOME, 50_000) / 50_000)
                + perUtilization * (number(features, Applicant.UTILIZATION, 0.3) - 0.3)
                + perLogDebtRatio * Math.log(number(features, Applicant.DEBT_RATIO, 0.35) / 0.35)
                + perYearOfAge * (number(features, Applicant.AGE, 41) - 41)
                + perMonthOfTenure * (number(features, Applicant.TENURE_MONTHS, 36) - 36)
                + effect(region, features.get(Applicant.REGION))
                + effect(channel, features.get(Applicant.CHANNEL));
        return 1 / (1 + Math.exp(-logit));
    }

    private static double number(Map<String, FeatureValue> features, String name, double typical) {
        FeatureValue value = features.get(name);
        return value == null || !value.isNumber() ? typical : value.number();
    }

    private static double effect(Map<String, Double> effects, FeatureValue value) {
        return value == null || value.isMissing() ? 0 : effects.getOrDefault(value.text(), 0.0);
    }
}
