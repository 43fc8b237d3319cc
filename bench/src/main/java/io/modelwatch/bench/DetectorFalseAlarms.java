package io.modelwatch.bench;

import io.modelwatch.common.conceptdrift.Adwin;
import io.modelwatch.common.conceptdrift.ConceptDriftDetector;
import io.modelwatch.common.conceptdrift.Ddm;
import io.modelwatch.common.conceptdrift.DetectorState;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code DetectorFalseAlarms}: how often each concept-drift detector signals a drift on a stream
 * without any change: 60 seeded runs of 5,000 outcomes each, wrong with a fixed probability, as a
 * Markdown table (runs with at least one drift signal, and signals in all).
 */
public final class DetectorFalseAlarms {
    private static final int RUNS = 60;
    private static final int OUTCOMES = 5_000;

    private DetectorFalseAlarms() {}

    public static void main(String[] args) {
        System.out.println("| detector | error rate | runs with a drift signal (of " + RUNS + ") | drift signals |");
        System.out.println("|---|---:|---:|---:|");
        for (double errorRate : new double[] {0.1, 0.2, 0.3}) {
            row("adwin", errorRate, Adwin::new);
            row("ddm", errorRate, Ddm::new);
        }
    }

    private static void row(String name, double errorRate, Supplier<ConceptDriftDetector> detectors) {
        int runsWithDrift = 0;
        int signals = 0;
        for (int seed = 1; seed <= RUNS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ConceptDriftDetector detector = detectors.get();
            int before = signals;
            for (int i = 0; i < OUTCOMES; i++) {
                if (detector.update(random.nextDouble() < errorRate ? 1 : 0) == DetectorState.DRIFT) {
                    signals++;
                }
            }
            runsWithDrift += signals > before ? 1 : 0;
        }
        System.out.printf("| %s | %.1f | %d | %d |%n", name, errorRate, runsWithDrift, signals);
    }
}
