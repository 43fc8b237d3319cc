package io.modelwatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's whole loop, bounded and replayed fast: reports stay quiet before the generator's
 * drift starts, then the drifting features show and the shipped critical-drift rule fires.
 */
class DemoTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    private static final Instant START = Instant.parse("2026-11-28T03:00:02Z");
    private static final Pattern ROW = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d)–(\\d\\d:\\d\\d:\\d\\d) +(\\d+) .* (\\d+)/(\\d+)  (.*)$");
    /** Any report's row: those of windows with only labels (after the traffic) have no drift. */
    private static final Pattern ANY_ROW = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d–\\d\\d:\\d\\d:\\d\\d ");
    private static final Pattern DECISION = Pattern.compile("^>>> retraining decision: rule '([^']+)' \\((\\w+)\\) .* window ending (\\d\\d:\\d\\d:\\d\\d)");

    @Test
    void boundedDemoDetectsTheInjectedDriftAndDecidesToRetrain() throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.rate = 400;
        demo.window = "5s";
        demo.driftAfter = "30s";
        demo.duration = "60s";
        demo.speedup = 40;
        demo.rules = Path.of("../deploy/rules/default-rules.yaml");
        DemoCommand.DemoSettings live = demo.settings();
        // A fixed start makes the windows, and so every report, the same on every run.
        DemoCommand.DemoSettings settings = new DemoCommand.DemoSettings(live.monitoring(),
                live.traffic().withStart(START), live.events(), live.speedup(), live.rulesYaml(), live.rulesFile(),
                live.uiPort(), live.metricsPort());
        Instant driftStart = settings.traffic().start().plus(settings.traffic().driftAfter());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DemoFiles files = DemoFiles.in(dir);
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<String> output = DemoCommand.defineDemo(env, settings, files).executeAndCollect()) {
            output.forEachRemaining(lines::add);
        }

        List<Matcher> rows = lines.stream().map(ROW::matcher).filter(Matcher::find).toList();
        assertThat(rows).hasSize(13);
        for (Matcher row : rows) {
            Instant windowEnd = at(settings.traffic().start(), row.group(2));
            int drifted = Integer.parseInt(row.group(4));
            if (!windowEnd.isAfter(driftStart)) {
                assertThat(drifted).as("drifted features in %s", row.group()).isZero();
            } else if (!windowEnd.isBefore(driftStart.plusSeconds(10))) {
                assertThat(row.group(6)).as("window %s", row.group()).contains("income").contains("utilization");
            }
        }

        List<Matcher> decisions = lines.stream().map(line -> DECISION.matcher(line.lines().findFirst().orElse("")))
                .filter(Matcher::find).toList();
        assertThat(decisions).isNotEmpty();
        Matcher first = decisions.get(0);
        assertThat(first.group(1)).isEqualTo("critical-drift");
        assertThat(first.group(2)).isEqualTo("critical");
        // critical-drift (max_psi >= 0.2 for 2 reports) can only hold once the drift started, and the
        // drift is strong enough to hold from the first full window after it: at most four windows in
        assertThat(at(settings.traffic().start(), first.group(3)))
                .isAfter(driftStart.plusSeconds(5))
                .isBeforeOrEqualTo(driftStart.plusSeconds(20));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("POST http://localhost:8080/api/v2/dags/retrain_model/dagRuns")
                .contains("Authorization: Bearer ****"));

        // What the demo showed is in its files, and the command it prints at the end tells its story from them.
        long reportRows = lines.stream().filter(line -> ANY_ROW.matcher(line).find()).count();
        assertThat(Files.readAllLines(files.reports()).size()).isEqualTo(reportRows).isGreaterThan(rows.size());
        assertThat(Files.readAllLines(files.decisions())).hasSize(decisions.size())
                .allSatisfy(line -> assertThat(line).startsWith("{\"kind\":\"decision\"").contains("\"metrics\":{"));
        String command = files.reportCommand("modelwatch");
        assertThat(command).isEqualTo("modelwatch report --windows " + files.reports() + " --decisions " + files.decisions()
                + " --out " + dir.resolve("timeline.html"));
        List<String> args = new ArrayList<>(List.of(command.split(" ")).subList(1, 8));
        args.addAll(List.of("--format", "json"));
        CliRun timeline = CliRun.of(args.toArray(String[]::new));
        assertThat(timeline.exitCode()).as(timeline.err()).isZero();
        JsonNode version = new ObjectMapper().readTree(files.timeline().toFile()).get("model_versions").get(0);
        assertThat(version.get("windows").get("start")).hasSize((int) reportRows);
        assertThat(version.get("decisions")).hasSize(decisions.size());
        assertThat(version.get("decisions").get(0).get("rule").asText()).isEqualTo("critical-drift");
        assertThat(version.get("decisions").get(0).get("reason").asText()).startsWith("max_psi = ");
        // Drift shows no later than the rule that needs two reports of it fires.
        assertThat(Instant.parse(version.get("summary").get("first_drifted_window").get("end").asText()))
                .isBeforeOrEqualTo(at(settings.traffic().start(), first.group(3)));
    }

    /** A row's HH:mm:ss on the day the traffic started (the demo's runs are far shorter than a day). */
    private static Instant at(Instant start, String time) {
        Instant candidate = LocalTime.parse(time).atDate(start.atZone(ZoneOffset.UTC).toLocalDate()).toInstant(ZoneOffset.UTC);
        return candidate.isBefore(start.minusSeconds(60)) ? candidate.plusSeconds(86_400) : candidate;
    }
}
