package io.modelwatch.common.flink;

import java.io.Serializable;
import java.time.Duration;

/**
 * The moments tumbling event-time windows act on: each window's last millisecond (it closes) and
 * that plus the allowed lateness (it is cleaned up). A watermark that moves without crossing one of
 * them changes nothing for the windows, so it need not be sent.
 */
public record WindowGrid(long sizeMs, long allowedLatenessMs) implements Serializable {

    public static WindowGrid of(Duration size, Duration allowedLateness) {
        return new WindowGrid(size.toMillis(), allowedLateness.toMillis());
    }

    /** Whether a watermark moving from {@code from} to {@code to} closes a window or ends an allowed lateness. */
    public boolean crossed(long from, long to) {
        if (from == Long.MIN_VALUE || to == Long.MAX_VALUE) {
            return from != to;
        }
        return Math.floorDiv(to + 1, sizeMs) != Math.floorDiv(from + 1, sizeMs)
                || Math.floorDiv(to + 1 - allowedLatenessMs, sizeMs) != Math.floorDiv(from + 1 - allowedLatenessMs, sizeMs);
    }
}
