package io.modelwatch.retraining.report;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.json.InvalidEventException;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.WindowReport;

/**
 * A window report as read from its source, with where it came from so that a report rejected
 * now or later can be dead-lettered with its coordinates. Exactly one of {@code report} and
 * {@code rejection} is set.
 *
 * @param sourceTopic the Kafka topic, or the file's path
 * @param partition -1 for a file
 * @param offset the record's offset, or the line number in a file (1-based)
 * @param report the parsed report, or null when it was rejected
 * @param rejection why and what was rejected, or null for a valid report
 */
public record ReportEnvelope(String sourceTopic, int partition, long offset, WindowReport report, DeadLetter rejection)
        implements DecodedRecord {
    private static final ReportCodec CODEC = new ReportCodec();

    /** Parses one report; an invalid one becomes a rejection naming the field at fault. */
    public static ReportEnvelope read(String sourceTopic, int partition, long offset, byte[] payload) {
        try {
            return new ReportEnvelope(sourceTopic, partition, offset, CODEC.parse(payload), null);
        } catch (InvalidEventException e) {
            return new ReportEnvelope(sourceTopic, partition, offset, null,
                    DeadLetter.of(sourceTopic, partition, offset, e.getMessage(), payload));
        }
    }

    @Override
    public boolean isAccepted() {
        return report != null;
    }

    /** The dead letter of a report rejected as it was read. */
    @Override
    public DeadLetter deadLetter() {
        return rejection;
    }

    /**
     * The event time of the report: its window end. A rejected report has none, so it gets the
     * smallest timestamp, which never moves a watermark.
     */
    @Override
    public long eventTime() {
        return !isAccepted() ? Long.MIN_VALUE : report.windowEnd().toEpochMilli();
    }

    /** A dead letter for a valid report that cannot be used after all; its payload is the report re-serialized. */
    public DeadLetter deadLetter(String error) {
        return DeadLetter.of(sourceTopic, partition, offset, error, CODEC.write(report));
    }
}
