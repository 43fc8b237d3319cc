package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFactoryTest {
    private static final Map<String, Object> AIRFLOW = Map.of("url", "http://airflow:8080", "dag_id", "retrain_model",
            "api", "v2", "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD");
    private static final Map<String, Object> EMAIL = Map.of("smtp_host", "smtp.example.com", "smtp_port", 587,
            "tls", "starttls", "from", "mw@example.com", "to", List.of("team@example.com"));

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final TargetFactory factory = TestTargets.factory(Map.of());

    private static Map<String, Object> with(Map<String, Object> base, Object... changes) {
        Map<String, Object> settings = new HashMap<>(base);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                settings.remove((String) changes[i]);
            } else {
                settings.put((String) changes[i], changes[i + 1]);
            }
        }
        return settings;
    }

    private void assertRejected(String type, Map<String, Object> settings, String... messageParts) {
        assertThatThrownBy(() -> factory.create("my-action", type, settings))
                .isInstanceOf(ActionConfigException.class)
                .hasMessageStartingWith("action 'my-action' (type " + type + "): ")
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void everyTypeIsBuiltAndPreviewedWithoutAnySecretSet() {
        Map<String, Map<String, Object>> actions = Map.of(
                "airflow", AIRFLOW,
                "stepfunctions", Map.of("state_machine_arn", "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                        "region", "us-east-1"),
                "github", Map.of("repository", "acme/models", "workflow", "retrain.yml", "ref", "main",
                        "token_env", "GH_TOKEN"),
                "webhook", Map.of("url", "https://hooks.example.com/mw", "secret_file", "/run/secrets/hook"),
                "slack", Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"),
                "email", EMAIL);
        actions.forEach((type, settings) -> {
            try (RetrainingTarget target = factory.create(type, type, settings)) {
                assertThat(target.preview(SampleDecision.critical()).body()).as(type)
                        .contains(SampleDecision.critical().idempotencyKey());
            }
        });
    }

    @Test
    void theStepFunctionsPreviewUsesTheRegionalEndpointByDefault() {
        try (RetrainingTarget target = factory.create("sfn", "stepfunctions", Map.of("state_machine_arn",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:m", "region", "eu-west-1"))) {
            assertThat(target.preview(SampleDecision.critical()).url()).isEqualTo("https://states.eu-west-1.amazonaws.com/");
        }
    }

    @Test
    void theGitHubApiUrlDefaultsToGitHubDotCom() {
        RetrainingTarget target = factory.create("gh", "github", Map.of("repository", "acme/models",
                "workflow", "42", "ref", "main", "token_env", "GH_TOKEN"));
        assertThat(target.preview(SampleDecision.critical()).url())
                .isEqualTo("https://api.github.com/repos/acme/models/actions/workflows/42/dispatches");
    }

    @Test
    void aSecretCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slack-url");
        Files.writeString(file, server.url("/services/x").toString() + "\n");
        server.enqueue(response(200, "ok"));
        RetrainingTarget target = factory.create("alerts", "slack", Map.of("webhook_url_file", file.toString()));
        assertThat(target.deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/services/x");
    }

    @Test
    void anUnknownTypeIsNamed() {
        assertRejected("kafka", Map.of(), "unknown type");
    }

    @Test
    void missingAndMistypedKeysAreNamed() {
        assertRejected("airflow", with(AIRFLOW, "dag_id", null), "missing key 'dag_id'");
        assertRejected("airflow", with(AIRFLOW, "dagid", "x"), "unknown key(s) [dagid]", "allowed:");
        assertRejected("airflow", with(AIRFLOW, "password_env", null), "missing key 'password_env' (or 'password_file')");
        assertRejected("airflow", with(AIRFLOW, "password_file", "/run/p"), "either 'password_env' or 'password_file'");
    }

    @Test
    void invalidValuesAreExplained() {
        assertRejected("airflow", with(AIRFLOW, "api", "v3"), "key 'api' must be one of [v1, v2]");
        assertRejected("airflow", with(AIRFLOW, "url", "ftp://airflow"), "key 'url' must be an http or https URL");
        assertRejected("airflow", with(AIRFLOW, "dag_id", "re train"), "dag_id");
        assertRejected("airflow", with(AIRFLOW, "conf", "full"), "key 'conf' must be an object");
        assertRejected("airflow", with(AIRFLOW, "conf", Map.of("model", "x")), "may not redefine", "model");
        assertRejected("airflow", with(AIRFLOW, "timeout", "soon"), "key 'timeout'");
        assertRejected("github", Map.of("repository", "models", "workflow", "r.yml", "ref", "main",
                "token_env", "T"), "key 'repository' must be owner/name");
        assertRejected("stepfunctions", Map.of("state_machine_arn", "retrain", "region", "eu-west-1"),
                "state_machine_arn");
        assertRejected("stepfunctions", Map.of("state_machine_arn",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:m", "region", "Europe"), "key 'region'");
        assertRejected("email", with(EMAIL, "tls", "ssl"), "key 'tls' must be one of [implicit, none, starttls]");
        assertRejected("email", with(EMAIL, "smtp_port", 70000), "key 'smtp_port' must be a port number");
        assertRejected("email", with(EMAIL, "to", List.of("not an address")), "not a valid email address");
        assertRejected("email", with(EMAIL, "username_env", "SMTP_USER"), "all or none of [username, password]");
    }

    @Test
    void aUrlWithCredentialsIsNeverQuotedInAnError() {
        String password = "pa55-in-url";
        for (String url : List.of("https://user:" + password + "@exa mple.com/hook", "ftp://user:" + password + "@host",
                "https://user:" + password + "/x@host", "https://user:" + password + "@:80/")) {
            assertThatThrownBy(() -> factory.create("hook", "webhook", Map.of("url", url, "secret_env", "S")))
                    .as(url)
                    .isInstanceOf(ActionConfigException.class)
                    .hasMessageStartingWith("action 'hook' (type webhook): key 'url' ")
                    .hasMessageNotContaining(password)
                    .hasMessageNotContaining("\n");
        }
        assertRejected("stepfunctions", Map.of("state_machine_arn", "arn:aws:states:eu-west-1:123456789012:stateMachine:m",
                "region", "eu-west-1", "endpoint_url", "https://user:" + password + "@localhost:4566"),
                "key 'endpoint_url' must not contain user:password@", "https://****@localhost:4566");
        assertThatThrownBy(() -> factory.create("sfn", "stepfunctions", Map.of("state_machine_arn",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:m", "region", "eu-west-1",
                "endpoint_url", "https://user:" + password + "@localhost:4566"))).hasMessageNotContaining(password);
    }

    @Test
    void aUrlsCredentialsAreMaskedInPreviewsAndConfigs() {
        RetrainingTarget target = factory.create("hook", "webhook",
                Map.of("url", "https://user:pa55-in-url@hooks.example.com/mw", "secret_env", "S"));
        OutgoingRequest preview = target.preview(SampleDecision.critical());
        assertThat(preview.render()).startsWith("POST https://****@hooks.example.com/mw\n").doesNotContain("pa55");
        assertThat(preview.toString()).doesNotContain("pa55");
        assertThat(new WebhookTarget.Config(java.net.URI.create("https://u:pa55@h/x"), new SecretSource(Map.of())
                .environmentVariable("S")).toString()).doesNotContain("pa55");
    }

    @Test
    void aTimeoutAcceptsSecondsOrAUnit() {
        for (Object timeout : List.of(5, 2.5, "500ms", "10s", "1m")) {
            assertThat(factory.create("a", "airflow", with(AIRFLOW, "timeout", timeout))).isNotNull();
        }
    }
}
