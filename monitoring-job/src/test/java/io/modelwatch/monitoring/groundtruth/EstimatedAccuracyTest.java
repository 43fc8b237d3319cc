package io.modelwatch.monitoring.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generator draws labels from the same logistic model that scores the events until its drift
 * starts: the scores are calibrated, so the estimate must track the measured accuracy; after the
 * drift the label process changes and calibration — the estimate's assumption — breaks.
 */
class EstimatedAccuracyTest {
    private static final int EVENTS = 20_000;

    private record Comparison(double estimated, double measured) {}

    private static Comparison compare(TrafficGenerator generator, long firstIndex) {
        EstimatedAccuracy estimate = new EstimatedAccuracy();
        long labeled = 0;
        long correct = 0;
        for (long i = firstIndex; i < firstIndex + EVENTS; i++) {
            PredictionEvent event = generator.event(i);
            estimate.add(event);
            Optional<LabelEvent> label = generator.label(i);
            if (label.isPresent()) {
                labeled++;
                correct += label.get().actual().equals(event.prediction()) ? 1 : 0;
            }
        }
        return new Comparison(estimate.value(), (double) correct / labeled);
    }

    @Test
    void onCalibratedScoresTheEstimateTracksTheMeasuredAccuracy() {
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS.withDriftAfter(Duration.ofDays(1)));
        Comparison calibrated = compare(generator, 0);
        // 20k labels: the measured accuracy's standard error is about 0.0023
        assertThat(calibrated.estimated()).isCloseTo(calibrated.measured(), within(0.02));
    }

    @Test
    void whenTheLabelProcessDriftsTheEstimateNoLongerTracksIt() {
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS.withDriftAfter(Duration.ZERO));
        Comparison drifted = compare(generator, 0);
        assertThat(drifted.estimated() - drifted.measured()).isGreaterThan(0.1);
    }

    @Test
    void mergedEstimatesEqualOneEstimate() {
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS);
        EstimatedAccuracy whole = new EstimatedAccuracy();
        EstimatedAccuracy left = new EstimatedAccuracy();
        EstimatedAccuracy right = new EstimatedAccuracy();
        for (long i = 0; i < 1000; i++) {
            whole.add(generator.event(i));
            (i % 2 == 0 ? left : right).add(generator.event(i));
        }
        left.merge(right);
        assertThat(left.scored()).isEqualTo(whole.scored());
        assertThat(left.value()).isCloseTo(whole.value(), within(1e-12));
    }
}
