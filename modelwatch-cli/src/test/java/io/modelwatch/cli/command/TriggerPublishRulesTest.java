package io.modelwatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.cli.CliRun;
import io.modelwatch.retraining.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelwatch trigger --publish-rules} against a real Kafka broker in this JVM. */
class TriggerPublishRulesTest {
    private static final String RULES = """
            rules:
              - name: drift
                when: max_psi >= 0.2
                severity: critical
                actions: [ml-alerts]
            actions:
              ml-alerts: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}
            """;

    private static TestKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aValidRulesFileIsPublishedAsOneRecordUnderTheKeyRulesAndWhereItWentIsPrinted() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);

        CliRun first = run("--publish-rules", rules.toString(), "--bootstrap-servers", kafka.bootstrapServers());
        CliRun second = run("--publish-rules", rules.toString(), "--bootstrap-servers", kafka.bootstrapServers());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("published " + rules + " to topic retraining-rules, partition 0, offset 0\n");
        assertThat(first.err()).isEmpty();
        assertThat(second.out()).isEqualTo("published " + rules + " to topic retraining-rules, partition 0, offset 1\n");
        assertThat(kafka.readText("retraining-rules", 2)).containsExactly(
                new AbstractMap.SimpleEntry<>("rules", RULES), new AbstractMap.SimpleEntry<>("rules", RULES));
    }

    @Test
    void anInvalidRulesFileIsAOneLineErrorNamingTheRuleAndTheProblemWithExitCode2AndNothingIsPublished()
            throws Exception {
        Path rules = Files.writeString(dir.resolve("broken.yaml"), RULES.replace("max_psi", "max_pis"));

        CliRun run = run("--publish-rules", rules.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "rules-never-written");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("modelwatch trigger: " + rules + ": rule 'drift': ")
                .contains("unknown metric 'max_pis'")
                .endsWith("(nothing published)");
        assertThat(kafka.topics()).doesNotContain("rules-never-written");
    }

    @Test
    void publishingNeedsTheBootstrapServersAndABacktestStillNeedsReportsAndRules() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);

        CliRun withoutServers = run("--publish-rules", rules.toString());
        CliRun withoutReports = run("--rules", rules.toString(), "--dry-run");

        assertThat(withoutServers.exitCode()).isEqualTo(2);
        assertThat(withoutServers.err()).isEqualTo("modelwatch trigger: --publish-rules needs --bootstrap-servers HOST:PORT\n");
        assertThat(withoutReports.exitCode()).isEqualTo(2);
        assertThat(withoutReports.err()).isEqualTo("modelwatch trigger: --reports and --rules are required for a backtest "
                + "(or --publish-rules to publish rules)\n");
    }

    /** {@code modelwatch trigger ARGS}, through the whole command line. */
    private static CliRun run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "trigger";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }
}
