package io.modelwatch.cli.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's y axis: round bounds around the values, and ticks at a round step (1, 2, 2.5 or 5
 * times a power of ten).
 */
public record ValueAxis(double min, double max, double step) {
    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    /**
     * @param low the smallest value to show
     * @param high the largest value to show
     * @param maxTicks at most this many intervals between ticks; the step is the smallest round one that needs no more
     */
    public static ValueAxis around(double low, double high, int maxTicks) {
        if (high < low) {
            throw new IllegalArgumentException("high " + high + " below low " + low);
        }
        if (high == low) {
            double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
            low -= low == 0 ? 0 : pad;
            high += pad;
        }
        double power = Math.pow(10, Math.floor(Math.log10((high - low) / maxTicks)) - 1);
        double step = 0;
        for (; step == 0; power *= 10) {
            for (double multiple : STEPS) {
                double candidate = multiple * power;
                if (Math.ceil(high / candidate - 1e-9) - Math.floor(low / candidate + 1e-9) <= maxTicks) {
                    step = candidate;
                    break;
                }
            }
        }
        double min = Math.floor(low / step + 1e-9) * step;
        double max = Math.ceil(high / step - 1e-9) * step;
        return new ValueAxis(min, max, step);
    }

    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** Where a value lies between the bounds: 0 at {@code min}, 1 at {@code max}. */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }
}
