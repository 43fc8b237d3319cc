package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.WindowReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One metric over a model version's windows: one value per window, in window order, null where the
 * window has none (a gap in the chart, never a zero).
 */
public record TimelineSeries(String name, List<Double> values) {

    public TimelineSeries {
        List<Double> finite = new ArrayList<>(values.size());
        for (Double value : values) {
            finite.add(value == null || !Double.isFinite(value) ? null : value);
        }
        values = Collections.unmodifiableList(finite);
    }

    static TimelineSeries of(String name, List<WindowReport> windows, Function<WindowReport, ? extends Number> metric) {
        List<Double> values = new ArrayList<>(windows.size());
        for (WindowReport window : windows) {
            Number value = metric.apply(window);
            values.add(value == null ? null : value.doubleValue());
        }
        return new TimelineSeries(name, values);
    }

    public Double get(int window) {
        return values.get(window);
    }

    public int size() {
        return values.size();
    }

    /** Whether any window has a value: a series without one is not charted. */
    public boolean present() {
        return values.stream().anyMatch(Objects::nonNull);
    }

    /** The smallest value, or null when no window has one. */
    public Double min() {
        return values.stream().filter(Objects::nonNull).min(Double::compare).orElse(null);
    }

    /** The largest value, or null when no window has one. */
    public Double max() {
        return values.stream().filter(Objects::nonNull).max(Double::compare).orElse(null);
    }
}
