package io.modelwatch.cli.demo;

import io.modelwatch.retraining.audit.AuditCodec;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.decision.Decision;
import java.nio.file.Path;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Where the demo keeps what it showed, as JSON lines: the window reports as the monitoring job
 * writes them, and the decisions as the trigger job's audit records (with the metrics that made
 * each rule fire), so that {@code modelwatch report --windows} can tell the run's story.
 */
record DemoFiles(Path directory, Path reports, Path decisions, Path timeline) {
    static final String REPORTS = "reports.jsonl";
    static final String DECISIONS = "decisions.jsonl";
    static final String TIMELINE = "timeline.html";

    static DemoFiles in(Path directory) {
        return new DemoFiles(directory, directory.resolve(REPORTS), directory.resolve(DECISIONS),
                directory.resolve(TIMELINE));
    }

    /** The command that turns the files into a timeline, as a user types it. */
    String reportCommand(String launcher) {
        return launcher + " report --windows " + quoted(reports) + " --decisions " + quoted(decisions)
                + " --out " + quoted(timeline);
    }

    private static String quoted(Path path) {
        String text = path.toString();
        return text.matches("[\\w./@%+=:,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /** A decision as a {@code decision} record of the audit topic {@code retraining-events}. */
    static final class DecisionRecords implements SerializationSchema<Decision> {
        private static final long serialVersionUID = 1L;
        private static final AuditCodec CODEC = new AuditCodec();

        @Override
        public byte[] serialize(Decision decision) {
            return CODEC.write(AuditRecord.decision(decision));
        }
    }
}
