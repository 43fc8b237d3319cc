package io.modelwatch.monitoring.window;

import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.Moments;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.distribution.NumericalDistribution;
import io.modelwatch.common.drift.DriftSettings;
import io.modelwatch.common.drift.FeatureDrift;
import io.modelwatch.common.drift.FeatureDriftResult;
import io.modelwatch.common.profile.FeatureProfile;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.report.CategoricalSummary;
import io.modelwatch.common.report.ConceptDrift;
import io.modelwatch.common.report.DriftVerdict;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.Histogram;
import io.modelwatch.common.report.LatencySummary;
import io.modelwatch.common.report.NumericalSummary;
import io.modelwatch.common.report.Volume;
import io.modelwatch.common.report.ReportReference;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.common.stats.DatasetDrift;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a window's merged accumulator into the window report of docs/ARCHITECTURE.md section 3, with drift
 * against the model's reference profile. Quantiles are NumPy's linear ones while a window keeps
 * its values exactly; standard deviations are population ones ({@code np.std}), as in profiles.
 * {@code performance} covers the outcomes whose label became known in the window, against the
 * window's predictions; {@code concept_drift} is the detector's status the caller passes in.
 */
public final class ReportAssembler {
    private static final double[] FEATURE_QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final String[] FEATURE_QUANTILE_NAMES = {"p05", "p25", "p50", "p75", "p95"};

    private final DriftSettings driftSettings;

    public ReportAssembler(DriftSettings driftSettings) {
        this.driftSettings = driftSettings;
    }

    /**
     * @param reference the profile the window's features were accumulated for, or null for none
     *     (also when it cannot be used: then the window has no drift)
     * @param referenceId the profile's id, named in the report
     * @param lateEvents events past their window's allowed lateness to report with this window
     * @param regressor whether the model predicts numbers (MAE, RMSE, MAPE) rather than classes
     * @param conceptDrift the model version's concept-drift status as of the window's end, or null
     */
    public WindowReport assemble(String model, String modelVersion, Instant windowStart, Instant windowEnd,
            WindowAccumulator window, long lateEvents, ReferenceProfile reference, String referenceId,
            boolean regressor, ConceptDrift conceptDrift) {
        Map<String, FeatureReport> features = new LinkedHashMap<>();
        int withDrift = 0;
        int drifted = 0;
        boolean anyReference = false;
        for (Map.Entry<String, FeatureAccumulator> entry : window.features().entrySet()) {
            FeatureAccumulator feature = entry.getValue();
            FeatureDriftResult drift = null;
            if (reference != null && feature.hasReference()) {
                anyReference = true;
                drift = drift(entry.getKey(), reference, feature);
                if (drift.computed()) {
                    withDrift++;
                    drifted += drift.drifted() ? 1 : 0;
                }
            }
            features.put(entry.getKey(), featureReport(feature, drift));
        }
        DatasetDrift datasetDrift = anyReference
                ? DatasetDrift.of(drifted, withDrift, driftSettings.datasetThreshold())
                : null;
        return new WindowReport(model, modelVersion, windowStart, windowEnd,
                volume(window, lateEvents), latency(window.latency()), shares(window.predicted()),
                features, datasetDrift,
                window.performance().toReport(window.predictions(), regressor, window.estimatedAccuracy()),
                conceptDrift, anyReference
                        ? new ReportReference(referenceId, reference.model(), reference.modelVersion(), reference.createdAt())
                        : null);
    }

    private FeatureDriftResult drift(String name, ReferenceProfile reference, FeatureAccumulator feature) {
        FeatureProfile profile = reference.features().get(name);
        return feature.isNumerical()
                ? FeatureDrift.numerical(name, reference.rows(), profile, feature.numbers(), driftSettings)
                : FeatureDrift.categorical(name, reference.rows(), profile, feature.categories(), driftSettings);
    }

    private static Volume volume(WindowAccumulator window, long lateEvents) {
        return new Volume(window.predictions(), window.errors(), share(window.errors(), window.predictions()),
                lateEvents);
    }

    private static LatencySummary latency(NumericalAccumulator latency) {
        Moments moments = latency.moments();
        NumericalDistribution values = latency.distribution();
        if (values == null) {
            return new LatencySummary(0, null, null, null, null, null);
        }
        return new LatencySummary(moments.count(), moments.mean(),
                values.quantile(0.5), values.quantile(0.95), values.quantile(0.99), moments.max());
    }

    private static FeatureReport featureReport(FeatureAccumulator feature, FeatureDriftResult drift) {
        DriftVerdict verdict = drift == null || !drift.computed() ? null : new DriftVerdict(
                drift.method().wireName(), drift.score(), drift.pValue(), drift.threshold(), drift.drifted());
        Map<String, Double> stats = verdict == null ? null : drift.stats();
        Double missingShare = share(feature.missing(), feature.count());
        if (feature.isNumerical()) {
            return new FeatureReport(FeatureReport.NUMERICAL, feature.count(), feature.missing(), missingShare,
                    numericalSummary(feature.numbers()), null, verdict, stats);
        }
        return new FeatureReport(FeatureReport.CATEGORICAL, feature.count(), feature.missing(), missingShare,
                null, categoricalSummary(feature.categories(), feature.hasReference()), verdict, stats);
    }

    private static NumericalSummary numericalSummary(NumericalAccumulator numbers) {
        Moments moments = numbers.moments();
        NumericalDistribution values = numbers.distribution();
        Map<String, Double> quantiles = null;
        if (values != null) {
            quantiles = new LinkedHashMap<>();
            for (int i = 0; i < FEATURE_QUANTILES.length; i++) {
                quantiles.put(FEATURE_QUANTILE_NAMES[i], values.quantile(FEATURE_QUANTILES[i]));
            }
        }
        io.modelwatch.common.stats.Histogram bins = numbers.histogram();
        Histogram histogram = bins == null ? null : new Histogram(
                Arrays.stream(bins.edges().values()).boxed().toList(),
                Arrays.stream(bins.counts()).boxed().toList());
        return new NumericalSummary(moments.mean(), moments.populationStd(), moments.min(), moments.max(),
                quantiles, histogram);
    }

    private static CategoricalSummary categoricalSummary(CategoricalAccumulator categories, boolean hasReference) {
        long values = categories.nonMissing();
        Double unseenShare = hasReference ? share(categories.unseen(), values) : null;
        return new CategoricalSummary(shares(categories), unseenShare);
    }

    /** Category → share of the non-missing values, sorted by category. */
    private static Map<String, Double> shares(CategoricalAccumulator categories) {
        long total = categories.nonMissing();
        Map<String, Double> shares = new TreeMap<>();
        categories.counts().forEach((category, count) -> shares.put(category, (double) count / total));
        return shares;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
