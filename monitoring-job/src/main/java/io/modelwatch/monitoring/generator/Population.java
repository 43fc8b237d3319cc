package io.modelwatch.monitoring.generator;

import java.util.List;
import java.util.random.RandomGenerator;

/** Who applies for credit: the distribution of {@link Applicant}s, before and after the data drift. */
record Population(LogNormal income, double ageMean, double ageStd, Beta utilization, LogNormal debtRatio,
        double tenureMeanMonths, CategoryMix region, CategoryMix channel) {

    private static final int MIN_AGE = 18;
    private static final int MAX_AGE = 90;

    private static final List<String> REGIONS = List.of("north", "south", "east", "west");
    private static final CategoryMix CHANNELS =
            new CategoryMix(List.of("web", "app", "branch", "partner"), List.of(0.45, 0.35, 0.12, 0.08));

    static final Population BEFORE_DRIFT = new Population(new LogNormal(50_000, 0.5), 41, 12, new Beta(2, 5),
            new LogNormal(0.35, 0.45), 36, new CategoryMix(REGIONS, List.of(0.25, 0.35, 0.25, 0.15)), CHANNELS);

    // A downturn: lower incomes, cards drawn further, and a surge of applicants from the north.
    static final Population AFTER_DRIFT = new Population(new LogNormal(0.7 * 50_000, 0.5), 41, 12, new Beta(3, 4),
            new LogNormal(0.35, 0.45), 36, new CategoryMix(REGIONS, List.of(0.45, 0.25, 0.18, 0.12)), CHANNELS);

    /** Draws an applicant, with amounts rounded as a loan system would store them. */
    Applicant draw(RandomGenerator rng) {
        double drawnIncome = Math.round(income.draw(rng));
        int age = (int) Math.max(MIN_AGE, Math.min(MAX_AGE, Math.round(rng.nextGaussian(ageMean, ageStd))));
        double drawnUtilization = Decimals.round(utilization.draw(rng), 4);
        double drawnDebtRatio = Decimals.round(debtRatio.draw(rng), 4);
        int tenureMonths = (int) (rng.nextExponential() * tenureMeanMonths);
        return new Applicant(drawnIncome, age, drawnUtilization, drawnDebtRatio, tenureMonths,
                region.draw(rng), channel.draw(rng));
    }
}
