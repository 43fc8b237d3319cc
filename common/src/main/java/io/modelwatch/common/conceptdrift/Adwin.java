package io.modelwatch.common.conceptdrift;

import java.util.Arrays;

/**
 * ADWIN, adaptive windowing (Bifet and Gavaldà, "Learning from Time-Changing Data with Adaptive
 * Windowing", SDM 2007), in its ADWIN2 form: the window of recent outcomes is summarised by an
 * exponential histogram, so memory grows with the logarithm of the window.
 *
 * <p>This is river's {@code drift.ADWIN} with its defaults, and it signals on the same outcomes (checked
 * against river's own test streams by {@code AdwinMatchesRiverTest}): δ = 0.002, at most 5 buckets per
 * size, a cut is checked every 32 outcomes once the window holds more than 10, and each side of a cut
 * holds at least 5 outcomes. A cut splits the window into older W0 and newer W1; it is significant when
 * |μ0 − μ1| > ε = sqrt(2 m σ² ln(2 ln(n) / δ)) + (2/3) m ln(2 ln(n) / δ), with n the window length,
 * σ² its variance and m = 1/(n0 − 4) + 1/(n1 − 4) (the Bernstein bound as river and MOA apply it).
 * While a cut is significant the oldest bucket is dropped and the check repeats.
 *
 * <p>One change, one signal: as in river, a check that cut the window ends with the detector reset to an
 * empty window (and its 32-outcome clock restarted), so the outcomes after a change are judged on their
 * own and the same change is not signalled again as the old outcomes drain away. A cut in either
 * direction resets; the detector reports {@link DetectorState#DRIFT}, for that one outcome, only when a
 * significant cut had the higher error rate on its newer side (a model that got better needs no
 * retraining), and {@link DetectorState#STABLE} otherwise. ADWIN has no warning zone.
 */
public class Adwin implements ConceptDriftDetector {
    static final double DELTA = 0.002;
    static final int CLOCK = 32;
    static final int GRACE_PERIOD = 10;
    static final int MIN_SUB_WINDOW = 5;
    static final int MAX_BUCKETS = 5;
    /** A row may briefly hold one bucket more than the maximum, until its two oldest are merged. */
    private static final int ROW_CAPACITY = MAX_BUCKETS + 1;

    private long width;
    private double total;
    /** Sum of squared deviations from the window mean. */
    private double variance;
    private long ticks;
    /** Row r holds buckets of 2^r outcomes, oldest first; row 0 has the newest outcomes. */
    private int rowCount;
    private int[] rowSizes = new int[0];
    /** Bucket k of row r is at index r * ROW_CAPACITY + k. */
    private double[] bucketTotals = new double[0];
    private double[] bucketVariances = new double[0];
    private DetectorState state = DetectorState.STABLE;

    public Adwin() {}

    /** What a check did to the window. */
    enum Cut {
        NONE,
        /** The window was cut and some significant cut had the higher mean on its newer side. */
        ROSE,
        /** The window was cut and every significant cut had the lower mean on its newer side. */
        FELL
    }

    @Override
    public DetectorState update(int error) {
        ConceptDriftDetector.requireOutcome(error);
        state = observe(error) == Cut.ROSE ? DetectorState.DRIFT : DetectorState.STABLE;
        return state;
    }

    /**
     * Adds one value of any size (river's tests feed ADWIN values 0-7; {@link #update} feeds outcomes) and
     * runs the check when the clock says so. A check that cut the window resets the detector.
     */
    Cut observe(double value) {
        insert(value);
        Cut cut = shrinkWindow();
        if (cut != Cut.NONE) {
            reset();
        }
        return cut;
    }

    private void reset() {
        width = 0;
        total = 0;
        variance = 0;
        ticks = 0;
        rowCount = 0;
        rowSizes = new int[0];
        bucketTotals = new double[0];
        bucketVariances = new double[0];
    }

    @Override
    public String name() {
        return "adwin";
    }

    private void insert(double value) {
        append(0, value, 0.0);
        width++;
        if (width > 1) {
            double previousMean = total / (width - 1);
            variance += (width - 1) * (value - previousMean) * (value - previousMean) / width;
        }
        total += value;
        for (int row = 0; row < rowCount && rowSizes[row] == ROW_CAPACITY; row++) {
            double n = bucketSize(row);
            double total0 = bucketTotals[slot(row, 0)];
            double total1 = bucketTotals[slot(row, 1)];
            double meanDifference = total0 / n - total1 / n;
            double mergedVariance = bucketVariances[slot(row, 0)] + bucketVariances[slot(row, 1)]
                    + n * 0.5 * meanDifference * meanDifference;
            append(row + 1, total0 + total1, mergedVariance);
            removeOldest(row, 2);
        }
    }

    /**
     * Drops the oldest bucket while some cut is significant. Cuts are tried from the oldest bucket on, the
     * sums kept in river's order of operations so that every comparison comes out as in river.
     */
    private Cut shrinkWindow() {
        ticks++;
        if (ticks % CLOCK != 0 || width <= GRACE_PERIOD) {
            return Cut.NONE;
        }
        boolean cutAny = false;
        boolean rose = false;
        boolean cut = true;
        while (cut) {
            cut = false;
            double n0 = 0;
            double n1 = width;
            double u0 = 0;
            double u1 = total;
            search:
            for (int row = rowCount - 1; row >= 0; row--) {
                double size = bucketSize(row);
                for (int k = 0; k < rowSizes[row]; k++) {
                    double bucketTotal = bucketTotals[slot(row, k)];
                    n0 += size;
                    n1 -= size;
                    u0 += bucketTotal;
                    u1 -= bucketTotal;
                    if (n1 < MIN_SUB_WINDOW) {
                        // n1 only shrinks from here, down to 0 after the newest bucket
                        break search;
                    }
                    double mean0 = u0 / n0;
                    double mean1 = u1 / n1;
                    if (n0 >= MIN_SUB_WINDOW && Math.abs(mean0 - mean1) > epsilonCut(n0, n1)) {
                        rose |= mean1 > mean0;
                        cutAny = true;
                        dropOldestBucket();
                        cut = true;
                        break search;
                    }
                }
            }
        }
        if (!cutAny) {
            return Cut.NONE;
        }
        return rose ? Cut.ROSE : Cut.FELL;
    }

    /**
     * A variance rounded to just below zero gives NaN here, and no cut, as in river (which takes the
     * square root unguarded).
     */
    private double epsilonCut(double n0, double n1) {
        double m = 1.0 / (n0 - MIN_SUB_WINDOW + 1) + 1.0 / (n1 - MIN_SUB_WINDOW + 1);
        double logTerm = Math.log(2 * Math.log(width) / DELTA);
        return Math.sqrt(2 * m * (variance / width) * logTerm) + 2.0 / 3.0 * logTerm * m;
    }

    private void dropOldestBucket() {
        int row = rowCount - 1;
        double n = bucketSize(row);
        double bucketTotal = bucketTotals[slot(row, 0)];
        double bucketVariance = bucketVariances[slot(row, 0)];
        width -= (long) n;
        total -= bucketTotal;
        double difference = bucketTotal / n - total / width;
        variance -= bucketVariance + n * width * difference * difference / (n + width);
        removeOldest(row, 1);
        if (rowSizes[row] == 0) {
            rowCount--;
        }
    }

    private void append(int row, double bucketTotal, double bucketVariance) {
        if (row == rowCount) {
            if (rowSizes.length == rowCount) {
                rowSizes = Arrays.copyOf(rowSizes, rowCount + 1);
                bucketTotals = Arrays.copyOf(bucketTotals, (rowCount + 1) * ROW_CAPACITY);
                bucketVariances = Arrays.copyOf(bucketVariances, (rowCount + 1) * ROW_CAPACITY);
            }
            rowSizes[row] = 0;
            rowCount++;
        }
        int k = rowSizes[row]++;
        bucketTotals[slot(row, k)] = bucketTotal;
        bucketVariances[slot(row, k)] = bucketVariance;
    }

    private void removeOldest(int row, int buckets) {
        int remaining = rowSizes[row] - buckets;
        System.arraycopy(bucketTotals, slot(row, buckets), bucketTotals, slot(row, 0), remaining);
        System.arraycopy(bucketVariances, slot(row, buckets), bucketVariances, slot(row, 0), remaining);
        rowSizes[row] = remaining;
    }

    private static double bucketSize(int row) {
        return (double) (1L << row);
    }

    private static int slot(int row, int k) {
        return row * ROW_CAPACITY + k;
    }

    /** Number of outcomes in the current window. */
    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = width;
    }

    public double getTotal() {
        return total;
    }

    public void setTotal(double total) {
        this.total = total;
    }

    public double getVariance() {
        return variance;
    }

    public void setVariance(double variance) {
        this.variance = variance;
    }

    public long getTicks() {
        return ticks;
    }

    public void setTicks(long ticks) {
        this.ticks = ticks;
    }

    public int getRowCount() {
        return rowCount;
    }

    public void setRowCount(int rowCount) {
        this.rowCount = rowCount;
    }

    public int[] getRowSizes() {
        return rowSizes;
    }

    public void setRowSizes(int[] rowSizes) {
        this.rowSizes = rowSizes;
    }

    public double[] getBucketTotals() {
        return bucketTotals;
    }

    public void setBucketTotals(double[] bucketTotals) {
        this.bucketTotals = bucketTotals;
    }

    public double[] getBucketVariances() {
        return bucketVariances;
    }

    public void setBucketVariances(double[] bucketVariances) {
        this.bucketVariances = bucketVariances;
    }

    @Override
    public DetectorState getState() {
        return state;
    }

    public void setState(DetectorState state) {
        this.state = state;
    }
}
