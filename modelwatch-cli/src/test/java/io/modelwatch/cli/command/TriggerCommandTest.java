package io.modelwatch.cli.command;

import static io.modelwatch.retraining.report.TestReports.end;
import static io.modelwatch.retraining.report.TestReports.jsonLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.retraining.decision.IdempotencyKey;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TriggerCommandTest {
    private static final String RULES = """
            rules:
              - name: drift
                when: max_psi >= 0.2
                for: 2
                severity: critical
                cooldown: 10m
                actions: [retrain, ml-alerts]
              - name: any-drift
                when: max_psi >= 0.2
                severity: info
                cooldown: 1h
                actions: []
            actions:
              retrain: {type: airflow, url: "http://airflow:8080", dag_id: retrain_model, api: v2,
                        username_env: MODELWATCH_TEST_UNSET_USER, password_env: MODELWATCH_TEST_UNSET_PASSWORD}
              ml-alerts: {type: slack, webhook_url_env: MODELWATCH_TEST_UNSET_SLACK}
            """;

    @TempDir
    Path dir;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TriggerCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void aDryRunPrintsOneJsonObjectPerDecisionInWindowOrderAndNothingElse() throws Exception {
        // Reports of two model versions, interleaved and out of order; one unreadable line.
        Path reports = Files.writeString(dir.resolve("reports.jsonl"), String.join("\n",
                jsonLine("m", "v1", 2, 0.3),
                jsonLine("m", "v2", 1, 0.3),
                jsonLine("m", "v1", 1, 0.3),
                "not a report",
                jsonLine("m", "v1", 4, 0.3),
                jsonLine("m", "v1", 3, 0.3),
                jsonLine("m", "v2", 2, 0.0)) + "\n");
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);

        Run run = run("--reports", reports.toString(), "--rules", rules.toString(), "--dry-run");

        // v1: windows 1-4 all drift. "drift" (2 in a row, 10m cooldown) fires on 2 and on 4 (00:20 >= 00:10 + 10m);
        // "any-drift" (every time, 1h cooldown) fires on 1 only. v2: window 1 drifts: "any-drift" fires on 1.
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(
                line("v1", "any-drift", "info", 1, "[]"),
                line("v2", "any-drift", "info", 1, "[]"),
                line("v1", "drift", "critical", 2, "[\"retrain\",\"ml-alerts\"]"),
                line("v1", "drift", "critical", 4, "[\"retrain\",\"ml-alerts\"]"));
        assertThat(run.err()).contains("modelwatch trigger: " + reports + " line 4: $: malformed JSON");
    }

    @Test
    void withoutDryRunTheActionsAreCalledAndEachDeliveryOutcomeIsOneSecretFreeLineOnStderr() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        String secret = "whsec_" + Base64.getEncoder().encodeToString("cli-test-key".getBytes(StandardCharsets.UTF_8));
        Path secretFile = Files.writeString(dir.resolve("hook-secret"), secret);
        Path reports = Files.writeString(dir.resolve("reports.jsonl"),
                jsonLine("m", "v1", 1, 0.3) + "\n" + jsonLine("m", "v1", 2, 0.3) + "\n");
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - {name: drift, when: max_psi >= 0.2, for: 2, severity: critical, actions: [hook, ml-alerts]}
                actions:
                  hook: {type: webhook, url: "%s", secret_file: "%s"}
                  ml-alerts: {type: slack, webhook_url_env: MODELWATCH_TEST_UNSET_SLACK}
                """.formatted(server.url("/hook"), secretFile));

        Run run = run("--reports", reports.toString(), "--rules", rules.toString());

        String key = IdempotencyKey.of("m", "v1", "drift", end(2));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(line("v1", "drift", "critical", 2, "[\"hook\",\"ml-alerts\"]"));
        assertThat(run.err().lines()).containsExactlyInAnyOrder(
                "modelwatch trigger: delivery " + key + " to hook (webhook): delivered after 1 attempt(s): HTTP 204",
                "modelwatch trigger: delivery " + key + " to ml-alerts (slack): permanent_failure after 1 attempt(s): "
                        + "secret missing: environment variable MODELWATCH_TEST_UNSET_SLACK is not set or empty");
        assertThat(server.takeRequest().getHeaders().get("webhook-id")).isEqualTo(key);
        assertThat(run.out() + run.err()).doesNotContain(secret.substring("whsec_".length()));
    }

    @Test
    void aBrokenRuleIsAOneLineErrorNamingTheRuleAndPositionWithExitCode2() throws Exception {
        Path reports = Files.writeString(dir.resolve("reports.jsonl"), jsonLine("m", "v1", 1, 0.3) + "\n");
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES.replace("max_psi >= 0.2\n    for", "max_psi >=\n    for"));

        Run run = run("--reports", reports.toString(), "--rules", rules.toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("modelwatch trigger: " + rules + ": rule 'drift': ")
                .contains("position");
    }

    @Test
    void aMissingReportsFileIsExitCode2() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);

        Run run = run("--reports", dir.resolve("nope.jsonl").toString(), "--rules", rules.toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("modelwatch trigger: " + dir.resolve("nope.jsonl") + ": no such file\n");
    }

    private static String line(String version, String rule, String severity, int window, String actions) {
        return "{\"model\":\"m\",\"model_version\":\"" + version + "\",\"rule\":\"" + rule + "\",\"severity\":\"" + severity
                + "\",\"window_end\":\"" + end(window) + "\",\"actions\":" + actions + ",\"idempotency_key\":\""
                + IdempotencyKey.of("m", version, rule, end(window)) + "\"}";
    }
}
