package io.modelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelwatch.cli.command.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus of {@code src/test/resources/hostile}: every case of {@code cases.tsv} run
 * in-process, with its exit code and a substring of its output checked, and for every case the
 * promises of the README: a failure is one line on stderr and nothing on stdout, no input file is
 * ever changed, and a command that writes records accounts for every record it read.
 */
class HostileInputTest {
    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    static Path corpus;

    @TempDir
    Path outputs;

    /** One line of cases.tsv. */
    record Case(String id, int exit, String stream, String expected, List<String> args) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** A copy of the corpus, with the links and directories git does not keep. */
    @BeforeAll
    static void copyCorpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.toList()) {
                Files.copy(file, corpus.resolve(file.getFileName().toString()));
            }
        }
        Files.createDirectory(corpus.resolve("sub"));
        Files.createSymbolicLink(corpus.resolve("train-link.csv"), Path.of("train.csv"));
        Files.createSymbolicLink(corpus.resolve("profile-link.json"), corpus.resolve("profile.json"));
        Files.createSymbolicLink(corpus.resolve("monitor-labels-link.jsonl"), Path.of("monitor-labels.jsonl"));
        Files.createSymbolicLink(corpus.resolve("dir-link"), corpus);
        Files.copy(corpus.resolve("monitor-labels.jsonl"), corpus.resolve("out.jsonl.dead-letter.jsonl"));
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 5) {
                throw new IllegalStateException("cases.tsv: expected 5 tab-separated fields: " + line);
            }
            List<String> args = fields[4].isBlank() ? List.of() : List.of(fields[4].trim().split(" +"));
            cases.add(new Case(fields[0], Integer.parseInt(fields[1]), fields[2], fields[3], args));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputIsRefusedInOneLineOrAccountedFor(Case hostile) throws Exception {
        Files.writeString(outputs.resolve("existing.json"), "an earlier output, to be replaced\n");
        String[] args = hostile.args().stream().map(this::resolve).toArray(String[]::new);
        Map<String, String> before = snapshot(corpus);

        CliRun run = CliRun.of(args);

        String context = hostile.id() + "\nstdout: " + run.out() + "\nstderr: " + run.err();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(run.exitCode()).as(context).isEqualTo(hostile.exit());
        softly.assertThat(hostile.stream().equals("out") ? run.out() : run.err()).as(context)
                .contains(hostile.expected().replace("$H", corpus.toString()).replace("$O", outputs.toString()));
        softly.assertThat(snapshot(corpus)).as("no input file changes: " + context).isEqualTo(before);
        if (run.exitCode() >= ExitCode.USAGE) {
            softly.assertThat(run.err()).as(context).matches("modelwatch[^\n]*\n");
            softly.assertThat(run.out()).as(context).isEmpty();
        }
        softly.assertThat(run.err()).as(context).doesNotContain("Exception", "\tat ", "at io.").doesNotContain("\r");
        softly.assertThat(run.err().lines()).as(context).allMatch(line -> line.startsWith("modelwatch"));
        softly.assertAll();
        if (run.exitCode() == ExitCode.OK) {
            countInIsCountOut(args, run);
        }
    }

    /** Every record read is in the output, or was skipped for a reason the command states. */
    private void countInIsCountOut(String[] args, CliRun run) throws IOException {
        switch (args[0]) {
            case "profile" -> {
                Records input = records(Path.of(option(args, "--input")), option(args, "--model"));
                JsonNode profile = JSON.readTree(Path.of(option(args, "--out")).toFile());
                assertThat(profile.path("rows").asLong() + input.skipped()).isEqualTo(input.total());
                assertThat(profile.path("rows").asLong()).isEqualTo(input.rows());
                if (input.failed() > 0) {
                    assertThat(run.out()).contains(input.failed() + " failed-request event");
                }
            }
            case "report" -> {
                if ("json".equals(option(args, "--format"))) {
                    JsonNode report = JSON.readTree(Path.of(option(args, "--out")).toFile());
                    Records current = records(Path.of(option(args, "--current")), option(args, "--model"));
                    assertThat(report.path("current").path("rows").asLong()).isEqualTo(current.rows());
                    noNonNumbers(report.toString());
                }
            }
            case "drift" -> {
                if (!"table".equals(option(args, "--format"))) {
                    assertThat(JSON.readTree(run.out()).has("features")).isTrue();
                    noNonNumbers(run.out());
                }
            }
            case "monitor" -> {
                Path predictions = Path.of(option(args, "--predictions"));
                Path reports = Path.of(option(args, "--output"));
                String deadLetterOption = option(args, "--dead-letters");
                Path deadLetters = deadLetterOption != null ? Path.of(deadLetterOption)
                        : reports.resolveSibling(reports.getFileName() + ".dead-letter.jsonl");
                long predicted = 0;
                for (String line : Files.readAllLines(reports)) {
                    predicted += JSON.readTree(line).path("volume").path("predictions").asLong();
                    noNonNumbers(line);
                }
                long rejected = 0;
                for (String line : Files.readAllLines(deadLetters)) {
                    rejected += JSON.readTree(line).path("source_topic").asText().equals(predictions.toString()) ? 1 : 0;
                }
                // Lines as bytes: a line that is not UTF-8 is a line too (and a dead letter).
                long lines = new String(Files.readAllBytes(predictions), StandardCharsets.ISO_8859_1).lines()
                        .filter(line -> !line.isBlank()).count();
                assertThat(predicted + rejected).as("predictions in reports + dead letters = lines").isEqualTo(lines);
            }
            case "trigger" -> {
                for (String line : run.out().lines().toList()) {
                    assertThat(JSON.readTree(line).has("rule")).as(line).isTrue();
                }
            }
            default -> {
                // no records written
            }
        }
    }

    private static void noNonNumbers(String json) {
        assertThat(json).doesNotContain("\"NaN\"", "NaN,", "\"Infinity\"", "\"-Infinity\"");
    }

    /**
     * What a file holds, counted independently of the command's reader: rows, and prediction events
     * that carry no features to count (failed requests, other models' events).
     */
    record Records(long rows, long failed, long otherModels) {
        long skipped() {
            return failed + otherModels;
        }

        long total() {
            return rows + skipped();
        }
    }

    static Records records(Path file, String model) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        if (text.strip().startsWith("{")) {
            long rows = 0;
            long failed = 0;
            long others = 0;
            for (String line : text.lines().filter(line -> !line.isBlank()).toList()) {
                JsonNode node = JSON.readTree(line);
                boolean event = node.has("prediction_id")
                        && (node.has("features") || node.has("error") || (node.has("model") && node.has("timestamp")));
                if (event && model != null && !model.equals(node.path("model").asText())) {
                    others++;
                } else if (event && node.hasNonNull("error")) {
                    failed++;
                } else {
                    rows++;
                }
            }
            return new Records(rows, failed, others);
        }
        long records = 0;
        boolean quoted = false;
        StringBuilder record = new StringBuilder();
        for (char c : (text.endsWith("\n") ? text : text + "\n").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '\n' && !quoted) {
                records += record.toString().isBlank() ? 0 : 1;
                record.setLength(0);
            } else {
                record.append(c);
            }
        }
        return new Records(records - 1, 0, 0); // the header is no record
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private String resolve(String text) {
        return unescape(text).replace("$H", corpus.toString()).replace("$O", outputs.toString());
    }

    /** {@code \s} a space, {@code \n} {@code \t} {@code \r} and {@code \u0007} themselves. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 's' -> out.append(' ');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    /** Every file of the directory (links as their targets' names) with its SHA-256. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(file -> {
                String name = dir.relativize(file).toString();
                try {
                    if (Files.isSymbolicLink(file)) {
                        files.put(name, "-> " + Files.readSymbolicLink(file));
                    } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        files.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                    } else {
                        files.put(name, "directory");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return files;
    }
}
