package io.modelwatch.cli.timeline;

import java.time.Instant;
import java.util.List;

/**
 * Everything a timeline report shows: one {@link Timeline} per model version, and where its data
 * came from. The HTML page and the JSON document are both written from it.
 *
 * @param decisionsSource null without {@code --decisions}
 * @param leftOutDecisions decisions (after the filter) for model versions that have no window in the report
 */
public record TimelineReport(Instant generatedAt, String windowsSource, String decisionsSource, TimelineFilter filter,
        List<Timeline> timelines, int leftOutDecisions) {

    public TimelineReport {
        timelines = List.copyOf(timelines);
    }

    public int windows() {
        return timelines.stream().mapToInt(Timeline::size).sum();
    }

    public int decisions() {
        return timelines.stream().mapToInt(timeline -> timeline.decisions().size()).sum();
    }
}
