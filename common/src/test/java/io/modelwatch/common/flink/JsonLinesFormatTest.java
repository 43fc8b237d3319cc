package io.modelwatch.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLinesFormatTest {
    @TempDir
    Path dir;

    /** What the decoder saw: the line number and the text of one line. */
    record Line(long number, String text) implements DecodedRecord {
        @Override
        public boolean isAccepted() {
            return true;
        }

        @Override
        public long eventTime() {
            return 0;
        }

        @Override
        public DeadLetter deadLetter() {
            return null;
        }
    }

    private static final JsonLinesFormat<Line> FORMAT = new JsonLinesFormat<>("file",
            (source, partition, offset, payload) -> new Line(offset, new String(payload, StandardCharsets.UTF_8)),
            Line.class);

    /** Lines of every length class: empty, blank, short, CRLF-terminated, and longer than the reader's 64 KB buffer. */
    private static List<String> lines(long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int kind = random.nextInt(20);
            String text = kind == 0 ? "" : kind == 1 ? "  \t" : kind == 2 ? "x".repeat(70_000 + random.nextInt(10_000))
                    : "{\"n\":" + i + ",\"pad\":\"" + "y".repeat(random.nextInt(300)) + "\"}";
            lines.add(kind == 3 ? text + "\r" : text);
        }
        return lines;
    }

    /** Reads each byte range [cuts[i], cuts[i+1]) as a split and returns the records of all of them in order. */
    private static List<Line> readSplits(Path file, long[] cuts) throws IOException {
        List<Line> read = new ArrayList<>();
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        for (int i = 0; i + 1 < cuts.length; i++) {
            FSDataInputStream in = FileSystem.getLocalFileSystem().open(path);
            in.seek(cuts[i]);
            StreamFormat.Reader<Line> reader = FORMAT.createReader(new Configuration(), in, Files.size(file), cuts[i + 1]);
            Line line;
            while ((line = reader.read()) != null) {
                read.add(line);
            }
            reader.close();
        }
        return read;
    }

    private static List<Line> expected(List<String> lines) {
        List<Line> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                expected.add(new Line(i + 1, lines.get(i).replace("\r", "")));
            }
        }
        return expected;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyLineIsReadOnceWithItsNumberWhereverTheSplitsAreCut(long seed) throws IOException {
        List<String> lines = lines(seed);
        Path file = dir.resolve("lines-" + seed + ".jsonl");
        Files.writeString(file, String.join("\n", lines) + (seed % 2 == 0 ? "\n" : ""), StandardCharsets.UTF_8);
        long size = Files.size(file);
        Random random = new Random(seed);
        for (int splits = 1; splits <= 7; splits++) {
            long[] cuts = new long[splits + 1];
            cuts[splits] = size;
            for (int i = 1; i < splits; i++) {
                cuts[i] = random.nextLong(size);
            }
            java.util.Arrays.sort(cuts);
            assertThat(readSplits(file, cuts)).as("cuts %s", java.util.Arrays.toString(cuts))
                    .containsExactlyElementsOf(expected(lines));
        }
    }

    @Test
    void aCutRightAtALineStartOrRightAfterItsLineBreakLosesNothing() throws IOException {
        Path file = dir.resolve("three.jsonl");
        Files.writeString(file, "a\nbb\nccc\n", StandardCharsets.UTF_8);
        List<Line> all = List.of(new Line(1, "a"), new Line(2, "bb"), new Line(3, "ccc"));
        for (long cut = 0; cut <= 9; cut++) {
            assertThat(readSplits(file, new long[] {0, cut, 9})).as("cut at %d", cut).containsExactlyElementsOf(all);
        }
    }

    @Test
    void aFileIsSplitOncePerSubtaskAndSmallFilesNotAtAll() throws IOException {
        Path large = dir.resolve("large.jsonl");
        Files.write(large, new byte[5 << 20]);
        Path small = dir.resolve("small.jsonl");
        Files.writeString(small, "{}\n");
        EvenFileSplits splits = new EvenFileSplits();

        Collection<FileSourceSplit> ofLarge = splits.enumerateSplits(
                new org.apache.flink.core.fs.Path[] {new org.apache.flink.core.fs.Path(large.toUri())}, 3);
        Collection<FileSourceSplit> ofSmall = splits.enumerateSplits(
                new org.apache.flink.core.fs.Path[] {new org.apache.flink.core.fs.Path(small.toUri())}, 3);

        assertThat(ofLarge).extracting(FileSourceSplit::offset).containsExactly(0L, (5L << 20) / 3, (5L << 20) / 3 * 2);
        assertThat(ofLarge.stream().mapToLong(FileSourceSplit::length).sum()).isEqualTo(5L << 20);
        assertThat(ofSmall).hasSize(1);
    }
}
