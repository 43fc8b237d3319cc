package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.report.ReportEnvelope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * A JSON-lines file of window reports for {@code FileSource}: one report per line, blank lines
 * skipped. Rejections name the file and the 1-based line number. The format is not splittable,
 * so on recovery Flink re-reads the file from its start and line numbers stay right.
 */
public class ReportLinesFormat extends SimpleStreamFormat<ReportEnvelope> {
    private final String sourceName;

    /** @param sourceName how dead letters name the file, e.g. its path */
    public ReportLinesFormat(String sourceName) {
        this.sourceName = sourceName;
    }

    @Override
    public StreamFormat.Reader<ReportEnvelope> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public ReportEnvelope read() throws IOException {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        return ReportEnvelope.read(sourceName, -1, lineNumber, line.getBytes(StandardCharsets.UTF_8));
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<ReportEnvelope> getProducedType() {
        return TypeInformation.of(ReportEnvelope.class);
    }
}
