package io.modelwatch.common.distribution;

import java.util.Base64;
import java.util.Optional;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/** Values summarised by a KLL quantile sketch: constant memory, rank error of about 1.3 % at k = 200. */
public final class SketchedValues implements NumericalDistribution {
    private final KllDoublesSketch sketch;

    SketchedValues(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    public static SketchedValues fromBase64(String serialized) {
        return new SketchedValues(KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(serialized))));
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(sketch.toByteArray());
    }

    @Override
    public long size() {
        return sketch.getN();
    }

    @Override
    public double cdf(double x) {
        return sketch.getRank(x, QuantileSearchCriteria.INCLUSIVE);
    }

    @Override
    public double quantile(double q) {
        return sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
    }

    @Override
    public double[] steps() {
        return sketch.getSortedView().getQuantiles();
    }

    @Override
    public Optional<double[]> exactValues() {
        return Optional.empty();
    }

    @Override
    public double rankError() {
        return sketch.getNormalizedRankError(false);
    }
}
