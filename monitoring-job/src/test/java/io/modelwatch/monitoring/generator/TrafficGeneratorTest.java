package io.modelwatch.monitoring.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.json.InvalidEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Statistical properties of the generated traffic. Expectations come from the stated distributions
 * (lognormal median 50,000 and log-sd 0.5, Beta(2, 5), ...), not from the generator's output; each
 * tolerance is about four standard errors at the sample size, so a correct generator fails about
 * once in ten thousand runs of a test, and the seed is fixed anyway.
 */
class TrafficGeneratorTest {
    private static final int PER_PHASE = 20_000;
    // Non-default rates, so the tests see the configuration being followed rather than constants.
    private static final GeneratorConfig CONFIG = GeneratorConfig.DEFAULTS
            .withEventsPerSecond(100)
            .withDriftAfter(Duration.ofSeconds(PER_PHASE / 100))
            .withErrorRate(0.02)
            .withMissingRate(0.02)
            .withLabelLossFraction(0.1)
            .withLabelDelayMean(Duration.ofSeconds(45));
    private static final TrafficGenerator GENERATOR = new TrafficGenerator(CONFIG);

    private record Generated(PredictionEvent event, Optional<LabelEvent> label) {}

    private static final List<Generated> BEFORE = generate(0, PER_PHASE);
    private static final List<Generated> AFTER = generate(PER_PHASE, 2 * PER_PHASE);
    private static final List<Generated> ALL = concat(BEFORE, AFTER);

    private static List<Generated> generate(long from, long to) {
        return LongStream.range(from, to).mapToObj(i -> new Generated(GENERATOR.event(i), GENERATOR.label(i))).toList();
    }

    private static List<Generated> concat(List<Generated> a, List<Generated> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    // --- determinism and shape ---

    @Test
    void anIndexGivesTheSameEventAndLabelWhateverWasGeneratedBeforeIt() {
        TrafficGenerator fresh = new TrafficGenerator(CONFIG);
        long far = 1_000_000_000_000L;
        assertThat(fresh.event(far)).isEqualTo(GENERATOR.event(far));
        for (int i = 999; i >= 0; i--) {
            assertThat(fresh.event(i)).isEqualTo(BEFORE.get(i).event());
            assertThat(fresh.label(i)).isEqualTo(BEFORE.get(i).label());
        }
    }

    @Test
    void anotherSeedGivesOtherTraffic() {
        TrafficGenerator other = new TrafficGenerator(CONFIG.withSeed(CONFIG.seed() + 1));
        for (int i = 0; i < 100; i++) {
            PredictionEvent event = other.event(i);
            assertThat(event.predictionId()).isNotEqualTo(BEFORE.get(i).event().predictionId());
            assertThat(event.features()).isNotEqualTo(BEFORE.get(i).event().features());
        }
    }

    @Test
    void predictionIdsAreDistinctVersion4Uuids() {
        Set<String> ids = ALL.stream().map(g -> g.event().predictionId()).collect(Collectors.toSet());
        assertThat(ids).hasSize(ALL.size());
        assertThat(ids).filteredOn(id -> UUID.fromString(id).version() != 4).isEmpty();
    }

    @Test
    void predictionTimestampsAdvanceByOneOverTheRate() {
        Instant start = CONFIG.start();
        assertThat(IntStream.range(0, ALL.size()))
                .filteredOn(i -> !ALL.get(i).event().timestamp().equals(start.plusMillis(10L * i)))
                .isEmpty();
        TrafficGenerator threePerSecond = new TrafficGenerator(CONFIG.withEventsPerSecond(3));
        assertThat(threePerSecond.event(1).timestamp()).isEqualTo(start.plusNanos(333_333_333));
        assertThat(threePerSecond.timestamp(3)).isEqualTo(start.plusSeconds(1));
        assertThat(threePerSecond.timestamp(3_000_000_000_000L)).isEqualTo(start.plusSeconds(1_000_000_000_000L));
    }

    @Test
    void everyEventIsOfCreditDefaultVersionV3WithTheSevenFeatures() {
        Set<String> features = Set.of("income", "age", "utilization", "debt_ratio", "tenure_months", "region", "channel");
        assertThat(ALL).extracting(g -> g.event().model()).containsOnly("credit-default");
        assertThat(ALL).extracting(g -> g.event().modelVersion()).containsOnly("v3");
        assertThat(ALL).extracting(g -> g.event().features().keySet()).containsOnly(features);
    }

    @Test
    void aNegativeIndexIsRejected() {
        assertThatThrownBy(() -> GENERATOR.event(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- feature distributions ---

    @Test
    void incomeBeforeDriftIsLognormalWithMedian50000AndLogSdHalf() {
        double[] logIncome = Arrays.stream(numbers(BEFORE, "income")).map(Math::log).toArray();
        // Standard error of the median of ln(income): 1.2533 * 0.5 / sqrt(20,000) = 0.0044.
        assertThat(median(logIncome)).isCloseTo(Math.log(50_000), within(0.02));
        // Standard error of a normal sample's sd: 0.5 / sqrt(2 * 20,000) = 0.0025.
        assertThat(Math.sqrt(variance(logIncome))).isCloseTo(0.5, within(0.012));
    }

    @Test
    void ageIsAWholeNumberOfYearsFrom18To90CentredOn41() {
        double[] age = numbers(ALL, "age");
        assertThat(boxed(age)).filteredOn(a -> a < 18 || a > 90 || a != Math.rint(a)).isEmpty();
        assertThat(median(age)).isEqualTo(41.0);
        // N(41, 12) rounded and clamped at 18: mean 41 + 12 φ(-23/12) - 23 Φ(-23/12) = 41.13;
        // standard error 12 / sqrt(40,000) = 0.06.
        assertThat(mean(age)).isCloseTo(41.13, within(0.25));
        assertThat(ALL).filteredOn(g -> g.event().features().get("age").text().contains(".")).isEmpty();
    }

    @Test
    void utilizationIsBeta2And5BeforeDriftAndBeta3And4After() {
        double[] before = numbers(BEFORE, "utilization");
        double[] after = numbers(AFTER, "utilization");
        assertThat(boxed(before)).filteredOn(u -> u < 0 || u > 1).isEmpty();
        assertThat(boxed(after)).filteredOn(u -> u < 0 || u > 1).isEmpty();
        // Beta(a, b): mean a / (a + b), variance ab / ((a + b)^2 (a + b + 1)); mean's standard error ≈ 0.0012.
        assertThat(mean(before)).isCloseTo(2.0 / 7, within(0.005));
        assertThat(variance(before)).isCloseTo(10.0 / (49 * 8), within(0.0015));
        assertThat(mean(after)).isCloseTo(3.0 / 7, within(0.005));
        assertThat(variance(after)).isCloseTo(12.0 / (49 * 8), within(0.0015));
    }

    @Test
    void debtRatioIsLognormalWithMedian035() {
        double[] logDebtRatio = Arrays.stream(numbers(ALL, "debt_ratio")).map(Math::log).toArray();
        // Standard error of the median: 1.2533 * 0.45 / sqrt(40,000) = 0.0028.
        assertThat(median(logDebtRatio)).isCloseTo(Math.log(0.35), within(0.012));
        assertThat(Math.sqrt(variance(logDebtRatio))).isCloseTo(0.45, within(0.01));
    }

    @Test
    void tenureIsAWholeNumberOfMonthsWithTheMeanOfAFlooredExponentialOf36() {
        double[] tenure = numbers(ALL, "tenure_months");
        assertThat(boxed(tenure)).filteredOn(t -> t < 0 || t != Math.rint(t)).isEmpty();
        // floor of Exp(mean 36) is geometric with mean 1 / (e^(1/36) - 1) = 35.50; standard error 0.18.
        assertThat(mean(tenure)).isCloseTo(1 / Math.expm1(1.0 / 36), within(0.75));
    }

    @Test
    void regionAndChannelFollowTheirMixBeforeDrift() {
        // Standard error of a share near 0.35 from 20,000 draws: 0.0034.
        assertThat(shares(BEFORE, "region")).hasSize(4).allSatisfy((region, share) -> assertThat(share)
                .isCloseTo(Map.of("north", 0.25, "south", 0.35, "east", 0.25, "west", 0.15).get(region), within(0.014)));
        assertThat(shares(ALL, "channel")).hasSize(4).allSatisfy((channel, share) -> assertThat(share)
                .isCloseTo(Map.of("web", 0.45, "app", 0.35, "branch", 0.12, "partner", 0.08).get(channel), within(0.01)));
    }

    @Test
    void afterDriftIncomeMedianDropsToSevenTenthsAndNorthGrowsToNearlyHalf() {
        double before = median(numbers(BEFORE, "income"));
        double after = median(numbers(AFTER, "income"));
        // Each log-median has standard error 0.0044, their difference 0.0062.
        assertThat(after / before).isCloseTo(0.7, within(0.02));
        assertThat(after).isCloseTo(35_000, within(35_000 * 0.02));
        assertThat(shares(AFTER, "region")).hasSize(4).allSatisfy((region, share) -> assertThat(share)
                .isCloseTo(Map.of("north", 0.45, "south", 0.25, "east", 0.18, "west", 0.12).get(region), within(0.014)));
    }

    // --- errors, missing values, predictions ---

    @Test
    void requestsFailAtTheConfiguredRateWithAnErrorAndNoPrediction() {
        List<PredictionEvent> errors = ALL.stream().map(Generated::event).filter(PredictionEvent::isError).toList();
        // Standard error of a 0.02 share of 40,000: 0.0007.
        assertThat((double) errors.size() / ALL.size()).isCloseTo(CONFIG.errorRate(), within(0.003));
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.error()).isIn("timeout", "model_unavailable");
            assertThat(e.prediction()).isNull();
            assertThat(e.probabilities()).isNull();
            assertThat(e.latencyMs()).isNull();
        });
        assertThat(errors).extracting(PredictionEvent::error).contains("timeout", "model_unavailable");
    }

    @Test
    void incomeDebtRatioAndChannelGoMissingAtTheConfiguredRateAndNoOtherFeatureDoes() {
        for (String feature : List.of("income", "debt_ratio", "channel")) {
            // Standard error of a 0.02 share of 40,000: 0.0007.
            assertThat(missingShare(feature)).as(feature).isCloseTo(CONFIG.missingRate(), within(0.003));
        }
        for (String feature : List.of("age", "utilization", "tenure_months", "region")) {
            assertThat(missingShare(feature)).as(feature).isZero();
        }
    }

    @Test
    void probabilitiesSumToOneAndThePredictionIsTheClassOfAtLeastOneHalf() {
        List<PredictionEvent> served = served(ALL);
        assertThat(served).extracting(e -> e.probabilities().keySet()).containsOnly(Set.of("0", "1"));
        assertThat(served).filteredOn(e -> Math.abs(e.probabilities().get("0") + e.probabilities().get("1") - 1) > 1e-9)
                .isEmpty();
        assertThat(served).filteredOn(e -> !e.prediction().equals(e.probabilities().get("1") >= 0.5 ? "1" : "0"))
                .isEmpty();
        assertThat(served).extracting(PredictionEvent::actual).containsOnlyNulls();
    }

    @Test
    void beforeDriftAccuracyIsAbout088AndMatchesTheModelsConfidence() {
        // 0.8811: the accuracy expected from the stated population and logistic model, by a
        // 10-million-draw NumPy simulation. Standard error at ~16,000 labeled events: 0.0025.
        assertThat(accuracy(BEFORE)).isCloseTo(0.8811, within(0.01));
        // Labels drawn from the model's own probabilities: estimated accuracy tracks the real one.
        assertThat(meanConfidence(BEFORE)).isCloseTo(accuracy(BEFORE), within(0.01));
    }

    @Test
    void afterDriftAccuracyFallsToAbout070WhileConfidenceStaysHigh() {
        // 0.6963 by the same NumPy simulation, after the population and the label law changed;
        // standard error 0.0036. Confidence stays near the simulated 0.862.
        assertThat(accuracy(AFTER)).isCloseTo(0.6963, within(0.015));
        assertThat(meanConfidence(AFTER)).isCloseTo(0.862, within(0.01));
    }

    @Test
    void latencyHasABodyAround12MsAndATailToHundredsOfMilliseconds() {
        double[] latency = served(ALL).stream().mapToDouble(PredictionEvent::latencyMs).sorted().toArray();
        // 98% lognormal(median 12, log-sd 0.35) + 2% lognormal(median 150, log-sd 0.6): the mixture's
        // p50 is the body's 0.5/0.98 quantile, 12.1 ms; p95 its 0.95/0.98 quantile, 23.1 ms; p99 the
        // tail's median, 150 ms, as nearly no body value reaches it.
        assertThat(quantile(latency, 0.5)).isCloseTo(12.1, within(0.3));
        assertThat(quantile(latency, 0.95)).isCloseTo(23.1, within(1.0));
        assertThat(quantile(latency, 0.99)).isBetween(130.0, 175.0);
        assertThat(latency[0]).isPositive();
    }

    // --- labels ---

    @Test
    void labelsArriveAfterAnExponentialDelayWithTheConfiguredMean() {
        double[] delaySeconds = ALL.stream().filter(g -> g.label().isPresent())
                .mapToDouble(g -> Duration.between(g.event().timestamp(), g.label().get().timestamp()).toMillis() / 1000.0)
                .sorted().toArray();
        assertThat(delaySeconds[0]).isNotNegative();
        double meanSeconds = CONFIG.labelDelayMean().toSeconds();
        // Exponential: sd = mean, so the mean's standard error is 45 / sqrt(35,000) = 0.24 s; the
        // median is mean × ln 2, with standard error 45 / sqrt(35,000) too.
        assertThat(mean(delaySeconds)).isCloseTo(meanSeconds, within(1.0));
        assertThat(median(delaySeconds)).isCloseTo(meanSeconds * Math.log(2), within(1.0));
    }

    @Test
    void theConfiguredFractionOfLabelsNeverArrivesAndFailedRequestsHaveNone() {
        List<Generated> served = ALL.stream().filter(g -> !g.event().isError()).toList();
        long lost = served.stream().filter(g -> g.label().isEmpty()).count();
        // Standard error of a 0.1 share of ~39,000: 0.0015.
        assertThat((double) lost / served.size()).isCloseTo(CONFIG.labelLossFraction(), within(0.006));
        assertThat(ALL).filteredOn(g -> g.event().isError()).allSatisfy(g -> assertThat(g.label()).isEmpty());
    }

    @Test
    void aLabelNamesItsPredictionAndModelAndIsAClass() {
        List<Generated> labeled = ALL.stream().filter(g -> g.label().isPresent()).toList();
        assertThat(labeled).filteredOn(g -> !g.label().get().predictionId().equals(g.event().predictionId())).isEmpty();
        assertThat(labeled).extracting(g -> g.label().get().model()).containsOnly("credit-default");
        assertThat(labeled).extracting(g -> g.label().get().actual()).containsOnly("0", "1");
    }

    @Test
    void generatedEventsAndLabelsRoundTripThroughTheCodec() {
        EventCodec codec = new EventCodec();
        // Every fourth event keeps the test quick and still covers hundreds of errors and missing values.
        List<Generated> sample = IntStream.range(0, ALL.size()).filter(i -> i % 4 == 0).mapToObj(ALL::get).toList();
        assertThat(sample).filteredOn(g -> g.event().isError()).hasSizeGreaterThan(100);
        assertThat(sample).filteredOn(g -> !roundTrips(codec, g)).isEmpty();
    }

    private static boolean roundTrips(EventCodec codec, Generated g) {
        try {
            boolean event = codec.parsePrediction(codec.write(g.event())).equals(g.event());
            boolean label = g.label().isEmpty() || codec.parseLabel(codec.write(g.label().get())).equals(g.label().get());
            return event && label;
        } catch (InvalidEventException e) {
            throw new AssertionError("generated traffic does not parse: " + g, e);
        }
    }

    // --- sample statistics ---

    private static List<PredictionEvent> served(List<Generated> sample) {
        return sample.stream().map(Generated::event).filter(e -> !e.isError()).toList();
    }

    private static double[] numbers(List<Generated> sample, String feature) {
        return sample.stream().map(g -> g.event().features().get(feature))
                .filter(FeatureValue::isNumber).mapToDouble(FeatureValue::number).toArray();
    }

    private static Map<String, Double> shares(List<Generated> sample, String feature) {
        List<String> values = sample.stream().map(g -> g.event().features().get(feature))
                .filter(v -> !v.isMissing()).map(FeatureValue::text).toList();
        return values.stream().collect(Collectors.groupingBy(v -> v,
                Collectors.collectingAndThen(Collectors.counting(), n -> (double) n / values.size())));
    }

    private static double missingShare(String feature) {
        return (double) ALL.stream().filter(g -> g.event().features().get(feature).isMissing()).count() / ALL.size();
    }

    /** Accuracy over labeled events with every feature present, the population the simulation describes. */
    private static double accuracy(List<Generated> sample) {
        List<Generated> labeled = complete(sample).filter(g -> g.label().isPresent()).toList();
        return (double) labeled.stream().filter(g -> g.event().prediction().equals(g.label().get().actual())).count()
                / labeled.size();
    }

    private static double meanConfidence(List<Generated> sample) {
        return complete(sample).mapToDouble(g -> g.event().probabilities().get(g.event().prediction()))
                .average().orElseThrow();
    }

    private static Stream<Generated> complete(List<Generated> sample) {
        return sample.stream().filter(g -> !g.event().isError())
                .filter(g -> g.event().features().values().stream().noneMatch(FeatureValue::isMissing));
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
    }

    private static double median(double[] values) {
        return quantile(Arrays.stream(values).sorted().toArray(), 0.5);
    }

    /** The nearest-rank quantile of sorted values. */
    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
