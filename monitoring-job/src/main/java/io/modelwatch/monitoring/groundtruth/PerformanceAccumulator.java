package io.modelwatch.monitoring.groundtruth;

import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.distribution.NumericalDistribution;
import io.modelwatch.common.metrics.ClassMetrics;
import io.modelwatch.common.metrics.ClassificationMetrics;
import io.modelwatch.common.metrics.ConfusionMatrixAccumulator;
import io.modelwatch.common.metrics.RegressionAccumulator;
import io.modelwatch.common.metrics.RegressionMetrics;
import io.modelwatch.common.report.ClassPerformance;
import io.modelwatch.common.report.LabelDelay;
import io.modelwatch.common.report.Performance;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labeled outcomes of one model version in one window (by the time their label became
 * known), mergeable: class counts for scikit-learn's classification metrics, error sums for the
 * regression metrics when prediction and label are numbers, and the label delays.
 */
public final class PerformanceAccumulator {
    private static final int EXACT_DELAYS = 2_000;

    private final ConfusionMatrixAccumulator classes;
    private final RegressionAccumulator regression;
    private final NumericalAccumulator labelDelayMs;

    public PerformanceAccumulator() {
        this(new ConfusionMatrixAccumulator(), new RegressionAccumulator(),
                new NumericalAccumulator(EXACT_DELAYS, NumericalAccumulator.DEFAULT_SKETCH_K, null, null));
    }

    private PerformanceAccumulator(ConfusionMatrixAccumulator classes, RegressionAccumulator regression,
            NumericalAccumulator labelDelayMs) {
        this.classes = classes;
        this.regression = regression;
        this.labelDelayMs = labelDelayMs;
    }

    public void add(LabeledOutcome outcome) {
        classes.add(outcome.actual(), outcome.prediction());
        Double actual = finiteNumber(outcome.actual());
        Double predicted = finiteNumber(outcome.prediction());
        if (actual != null && predicted != null) {
            regression.add(actual, predicted);
        }
        labelDelayMs.add(outcome.labelTime().toEpochMilli() - outcome.predictionTime().toEpochMilli());
    }

    public void merge(PerformanceAccumulator other) {
        classes.merge(other.classes);
        regression.merge(other.regression);
        labelDelayMs.merge(other.labelDelayMs);
    }

    public long labeled() {
        return classes.total();
    }

    /**
     * The window's {@code performance} section, or null when there is neither an outcome nor an
     * estimate to report.
     *
     * @param predictions predictions of the window, for the label coverage
     * @param regressor whether the model predicts numbers (MAE/RMSE/MAPE) rather than classes
     */
    public Performance toReport(long predictions, boolean regressor, EstimatedAccuracy estimate) {
        Double estimated = estimate.value();
        long labeled = labeled();
        if (labeled == 0 && estimated == null) {
            return null;
        }
        Double coverage = predictions == 0 ? null : (double) labeled / predictions;
        LabelDelay delay = labelDelay();
        Optional<RegressionMetrics> errors = regressor ? RegressionMetrics.from(regression) : Optional.empty();
        Optional<ClassificationMetrics> metrics = regressor ? Optional.empty() : ClassificationMetrics.from(classes);
        return new Performance(labeled, coverage,
                metrics.map(ClassificationMetrics::accuracy).orElse(null),
                metrics.map(ClassificationMetrics::precisionWeighted).orElse(null),
                metrics.map(ClassificationMetrics::recallWeighted).orElse(null),
                metrics.map(ClassificationMetrics::f1Weighted).orElse(null),
                metrics.map(ClassificationMetrics::f1Macro).orElse(null),
                metrics.map(PerformanceAccumulator::perClass).orElse(null),
                errors.map(RegressionMetrics::mae).orElse(null),
                errors.map(RegressionMetrics::rmse).orElse(null),
                errors.map(RegressionMetrics::mape).orElse(null),
                delay, estimated);
    }

    public void writeTo(DataOutput out) throws IOException {
        String[] actual = classes.getActualLabels();
        String[] predicted = classes.getPredictedLabels();
        long[] counts = classes.getCounts();
        out.writeInt(counts.length);
        for (int i = 0; i < counts.length; i++) {
            out.writeUTF(actual[i]);
            out.writeUTF(predicted[i]);
            out.writeLong(counts[i]);
        }
        out.writeLong(regression.getCount());
        out.writeDouble(regression.getSumAbsoluteError());
        out.writeDouble(regression.getSumSquaredError());
        out.writeDouble(regression.getSumAbsolutePercentageError());
        labelDelayMs.writeTo(out);
    }

    public static PerformanceAccumulator readFrom(DataInput in) throws IOException {
        int cells = in.readInt();
        String[] actual = new String[cells];
        String[] predicted = new String[cells];
        long[] counts = new long[cells];
        for (int i = 0; i < cells; i++) {
            actual[i] = in.readUTF();
            predicted[i] = in.readUTF();
            counts[i] = in.readLong();
        }
        ConfusionMatrixAccumulator classes = new ConfusionMatrixAccumulator();
        classes.setActualLabels(actual);
        classes.setPredictedLabels(predicted);
        classes.setCounts(counts);
        RegressionAccumulator regression = new RegressionAccumulator();
        regression.setCount(in.readLong());
        regression.setSumAbsoluteError(in.readDouble());
        regression.setSumSquaredError(in.readDouble());
        regression.setSumAbsolutePercentageError(in.readDouble());
        return new PerformanceAccumulator(classes, regression, NumericalAccumulator.readFrom(in));
    }

    private LabelDelay labelDelay() {
        NumericalDistribution delays = labelDelayMs.distribution();
        return delays == null ? new LabelDelay(null, null) : new LabelDelay(delays.quantile(0.5), delays.quantile(0.95));
    }

    private static Map<String, ClassPerformance> perClass(ClassificationMetrics metrics) {
        Map<String, ClassPerformance> perClass = new LinkedHashMap<>();
        for (Map.Entry<String, ClassMetrics> entry : metrics.perClass().entrySet()) {
            ClassMetrics m = entry.getValue();
            perClass.put(entry.getKey(), new ClassPerformance(m.precision(), m.recall(), m.f1(), m.support()));
        }
        return perClass;
    }

    private static Double finiteNumber(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
