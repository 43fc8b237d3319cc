package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.modelwatch.retraining.decision.Decision;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivers to every kind of target, successfully and failing in every way, and scans all that
 * ModelWatch produces (results, previews, config strings, error messages, logs at every level) for
 * the secret values.
 */
class SecretsStayHiddenTest {
    private static final String AIRFLOW_USER = "af-user-LEAK1";
    private static final String AIRFLOW_PASSWORD = "af-pass-LEAK2";
    private static final String GITHUB_TOKEN = "ghp_LEAK3";
    private static final String WEBHOOK_SECRET =
            "whsec_" + Base64.getEncoder().encodeToString("hook-key-LEAK4".getBytes(StandardCharsets.UTF_8));
    private static final String SLACK_PATH = "/services/T0/B0/LEAK5";
    private static final String SMTP_PASSWORD = "smtp-LEAK6";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", SMTP_PASSWORD));

    private final List<String> produced = new ArrayList<>();

    @Test
    void noSecretAppearsInResultsPreviewsConfigsErrorsOrLogs() throws Exception {
        String slackUrl = server.url(SLACK_PATH).toString();
        Map<String, String> env = Map.of("AIRFLOW_USER", AIRFLOW_USER, "AIRFLOW_PASSWORD", AIRFLOW_PASSWORD,
                "GH_TOKEN", GITHUB_TOKEN, "HOOK_SECRET", WEBHOOK_SECRET, "SLACK_WEBHOOK_URL", slackUrl,
                "SMTP_USER", "mailer", "SMTP_PASSWORD", SMTP_PASSWORD);
        TargetFactory factory = TestTargets.factory(env);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        try (CapturedLogs logs = new CapturedLogs()) {
            for (String base : List.of(server.url("/").toString(), "http://127.0.0.1:" + closedPort)) {
                for (Map.Entry<String, Map<String, Object>> action : actions(base).entrySet()) {
                    try (RetrainingTarget target = factory.create(action.getKey(), action.getKey(), action.getValue())) {
                        exercise(target);
                    }
                }
            }
            try (RetrainingTarget slackDown = TestTargets.factory(Map.of("SLACK_WEBHOOK_URL",
                    "http://127.0.0.1:" + closedPort + SLACK_PATH)).create("slack", "slack",
                    Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"))) {
                exercise(slackDown);
            }
            try (RetrainingTarget slackMalformed = TestTargets.factory(Map.of("SLACK_WEBHOOK_URL",
                    "not a url " + SLACK_PATH)).create("slack", "slack", Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"))) {
                exercise(slackMalformed);
            }
            for (int smtpPort : new int[] {SMTP.getSmtp().getPort(), closedPort}) {
                for (String tls : List.of("none", "starttls")) {
                    try (RetrainingTarget mail = factory.create("email", "email", Map.of("smtp_host", "127.0.0.1",
                            "smtp_port", smtpPort, "tls", tls, "from", "mw@example.com", "to", "team@example.com",
                            "username_env", "SMTP_USER", "password_env", "SMTP_PASSWORD"))) {
                        produced.add(mail.deliver(SampleDecision.critical()).toString());
                        produced.add(mail.preview(SampleDecision.critical()).render());
                    }
                }
            }
            produced.addAll(configStrings(env));
            assertThat(logs.lines()).as("the capture works: the SDKs log at debug level").isNotEmpty();
            produced.addAll(logs.lines());
        }

        List<String> secrets = List.of(AIRFLOW_USER, AIRFLOW_PASSWORD, GITHUB_TOKEN, WEBHOOK_SECRET,
                WEBHOOK_SECRET.substring("whsec_".length()), "LEAK5", slackUrl, SMTP_PASSWORD,
                TestTargets.AWS_SECRET_KEY,
                Base64.getEncoder().encodeToString((AIRFLOW_USER + ":" + AIRFLOW_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(produced).hasSizeGreaterThan(40);
        for (String text : produced) {
            for (String secret : secrets) {
                assertThat(text).as("a result, preview, config, error or log line").doesNotContain(secret);
            }
        }
    }

    private Map<String, Map<String, Object>> actions(String base) {
        Map<String, Map<String, Object>> actions = new HashMap<>();
        actions.put("airflow", Map.of("url", base, "dag_id", "retrain", "api", "v2",
                "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD"));
        actions.put("github", Map.of("repository", "acme/models", "workflow", "retrain.yml", "ref", "main",
                "token_env", "GH_TOKEN", "api_url", base));
        actions.put("webhook", Map.of("url", base, "secret_env", "HOOK_SECRET"));
        actions.put("slack", Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"));
        actions.put("stepfunctions", Map.of("state_machine_arn",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:retrain", "region", "eu-west-1",
                "endpoint_url", base));
        return actions;
    }

    /** Delivers through a success and the failures a server can answer with, previewing on the way. */
    private void exercise(RetrainingTarget target) {
        Decision decision = SampleDecision.critical();
        produced.add(target.preview(decision).render());
        server.enqueue(response(201, "{\"access_token\": \"jwt\", \"executionArn\": \"arn\", \"startDate\": 1}"));
        server.enqueue(response(200, "{\"executionArn\": \"arn\", \"startDate\": 1}"));
        produced.add(target.deliver(decision).toString());
        for (int status : new int[] {400, 401, 403, 404, 409, 429, 500, 503}) {
            server.enqueue(response(status, "{\"detail\": \"failed\", \"__type\": \"SomeError\"}", "Retry-After", "1"));
            server.enqueue(response(status, "{\"detail\": \"failed\", \"__type\": \"SomeError\"}", "Retry-After", "1"));
            produced.add(target.deliver(decision).toString());
        }
    }

    private static List<String> configStrings(Map<String, String> env) {
        SecretSource source = new SecretSource(env);
        Secret user = source.environmentVariable("AIRFLOW_USER");
        Secret password = source.environmentVariable("AIRFLOW_PASSWORD");
        List<String> strings = new ArrayList<>();
        strings.add(new AirflowTarget.Config(URI.create("http://airflow:8080"), "retrain", AirflowTarget.Api.V1, user,
                password, Map.of()).toString());
        strings.add(new GitHubTarget.Config(URI.create(GitHubTarget.DEFAULT_API_URL), "acme", "models", "retrain.yml",
                "main", source.environmentVariable("GH_TOKEN")).toString());
        strings.add(new WebhookTarget.Config(URI.create("http://hooks"), source.environmentVariable("HOOK_SECRET"))
                .toString());
        strings.add(new SlackTarget.Config(source.environmentVariable("SLACK_WEBHOOK_URL")).toString());
        strings.add(new EmailTarget.Config("smtp", 587, EmailTarget.Tls.STARTTLS, Optional.of(user),
                Optional.of(password), "a@example.com", List.of("b@example.com"), ActionSettings.DEFAULT_TIMEOUT)
                .toString());
        return strings;
    }
}
