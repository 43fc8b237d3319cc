package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.WindowReport;
import java.time.Instant;

/**
 * Which windows and decisions a timeline shows: {@code --model} (a model's name, or
 * {@code NAME@VERSION} for one version), {@code --from} and {@code --to}. A window is shown when it
 * lies within [from, to]; a decision when the window it fired on ends within (from, to].
 *
 * @param model null for every model
 * @param from null for no lower bound
 * @param to null for no upper bound
 */
public record TimelineFilter(String model, Instant from, Instant to) {
    public static final TimelineFilter NONE = new TimelineFilter(null, null, null);

    public TimelineFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
    }

    boolean keeps(WindowReport report) {
        return keepsModel(report.model(), report.modelVersion())
                && (from == null || !report.windowStart().isBefore(from))
                && (to == null || !report.windowEnd().isAfter(to));
    }

    boolean keeps(TimelineDecision decision) {
        Instant start = decision.windowStart();
        return keepsModel(decision.model(), decision.modelVersion())
                && (from == null || (start != null ? !start.isBefore(from) : decision.windowEnd().isAfter(from)))
                && (to == null || !decision.windowEnd().isAfter(to));
    }

    private boolean keepsModel(String name, String version) {
        return model == null || model.equals(name) || model.equals(name + "@" + version);
    }

    /** What the filter kept, for messages: {@code of model M between FROM and TO}; empty without a filter. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (model != null) {
            text.append(" of model ").append(model);
        }
        if (from != null) {
            text.append(" from ").append(from);
        }
        if (to != null) {
            text.append(" to ").append(to);
        }
        return text.toString();
    }
}
