package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every outbound call verifies TLS, against a real local TLS server whose certificate a throw-away CA
 * signed: without that CA in {@code ca_bundle_file} the call fails as a permanent delivery failure (no
 * exception, nothing sent), with it the call succeeds, and a certificate for another host name fails
 * even with the CA trusted.
 */
class TlsVerificationTest {
    private static final Map<String, String> ENV = Map.of("HOOK_SECRET", "whsec_c2VjcmV0LWtleQ==",
            "SLACK_WEBHOOK_URL", "unused", "SMTP_USER", "alerts", "SMTP_PASSWORD", "smtp-pa55");
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:retrain";

    @TempDir
    static Path directory;
    private static TestCertificates certificates;
    private static SSLContext localhostTls;
    private static SSLContext otherHostTls;

    private final MockWebServer server = new MockWebServer();

    @BeforeAll
    static void makeCertificates() throws IOException {
        certificates = TestCertificates.create(directory);
        localhostTls = certificates.serverTls("localhost", "dns:localhost", "ip:127.0.0.1");
        otherHostTls = certificates.serverTls("other", "dns:other.example");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String startHttps(SSLContext tls) throws IOException {
        server.useHttps(tls.getSocketFactory());
        server.start();
        return "https://localhost:" + server.getPort();
    }

    private static RetrainingTarget webhook(String url, Object... extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("url", url + "/hook", "secret_env", "HOOK_SECRET"));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put((String) extra[i], extra[i + 1]);
        }
        return TestTargets.factory(ENV).create("hook", "webhook", settings);
    }

    @Test
    void anHttpsTargetWithAnUnknownCaIsAPermanentFailureAndGetsNothing() throws Exception {
        String url = startHttps(localhostTls);
        DeliveryResult result = webhook(url).deliver(SampleDecision.critical());
        assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.status()).isEqualTo(DeliveryResult.NO_STATUS);
        assertThat(result.detail()).isEqualTo(TlsTrust.UNTRUSTED_DETAIL);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theCaBundleMakesTheSameTargetWork() throws Exception {
        String url = startHttps(localhostTls);
        server.enqueue(response(200, "ok"));
        DeliveryResult result = webhook(url, "ca_bundle_file", certificates.caBundle().toString())
                .deliver(SampleDecision.critical());
        assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(server.takeRequest().getHandshake()).as("it went over TLS").isNotNull();
    }

    @Test
    void aTrustedCertificateForAnotherHostIsStillRejected() throws Exception {
        String url = startHttps(otherHostTls);
        DeliveryResult result = webhook(url, "ca_bundle_file", certificates.caBundle().toString())
                .deliver(SampleDecision.critical());
        assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).isEqualTo(TlsTrust.UNTRUSTED_DETAIL);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void stepFunctionsVerifiesItsEndpointAndTakesTheCaBundle() throws Exception {
        String url = startHttps(localhostTls);
        Map<String, Object> settings = Map.of("state_machine_arn", ARN, "region", "eu-west-1", "endpoint_url", url);
        try (RetrainingTarget untrusting = TestTargets.factory(ENV).create("sfn", "stepfunctions", settings)) {
            DeliveryResult result = untrusting.deliver(SampleDecision.critical());
            assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(result.detail()).isEqualTo(TlsTrust.UNTRUSTED_DETAIL);
        }
        assertThat(server.getRequestCount()).isZero();

        server.enqueue(response(200, "{\"executionArn\": \"arn:aws:states:eu-west-1:123456789012:execution:retrain:x\","
                + " \"startDate\": 1}", "Content-Type", "application/x-amz-json-1.0"));
        Map<String, Object> trusting = new HashMap<>(settings);
        trusting.put("ca_bundle_file", certificates.caBundle().toString());
        try (RetrainingTarget target = TestTargets.factory(ENV).create("sfn", "stepfunctions", trusting)) {
            DeliveryResult result = target.deliver(SampleDecision.critical());
            assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.DELIVERED);
        }
    }

    @Test
    void implicitTlsMailVerifiesTheServerAndTakesTheCaBundle() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Behaviour.ACCEPT, localhostTls, true)) {
            DeliveryResult refused = mail("implicit", smtp.port()).deliver(SampleDecision.critical());
            assertThat(refused.outcome()).as(refused.detail()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(refused.detail()).isEqualTo(TlsTrust.UNTRUSTED_DETAIL);
            assertThat(smtp.messages()).isEmpty();

            DeliveryResult sent = mail("implicit", smtp.port(), "ca_bundle_file", certificates.caBundle().toString())
                    .deliver(SampleDecision.critical());
            assertThat(sent.outcome()).as(sent.detail()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(smtp.messages()).hasSize(1);
        }
    }

    @Test
    void startTlsMailVerifiesTheServerAndTakesTheCaBundle() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Behaviour.ACCEPT, localhostTls, false)) {
            DeliveryResult refused = mail("starttls", smtp.port()).deliver(SampleDecision.critical());
            assertThat(refused.outcome()).as(refused.detail()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(refused.detail()).isEqualTo(TlsTrust.UNTRUSTED_DETAIL);
            assertThat(smtp.messages()).isEmpty();

            DeliveryResult sent = mail("starttls", smtp.port(), "ca_bundle_file", certificates.caBundle().toString())
                    .deliver(SampleDecision.critical());
            assertThat(sent.outcome()).as(sent.detail()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(smtp.messages()).hasSize(1);
        }
    }

    @Test
    void mailToAServerWithAnotherHostsCertificateFailsEvenWithTheCaTrusted() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Behaviour.ACCEPT, otherHostTls, true)) {
            DeliveryResult result = mail("implicit", smtp.port(), "ca_bundle_file", certificates.caBundle().toString())
                    .deliver(SampleDecision.critical());
            assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(result.detail()).isEqualTo(TlsTrust.UNTRUSTED_DETAIL);
            assertThat(smtp.messages()).isEmpty();
        }
    }

    private static RetrainingTarget mail(String tls, int port, Object... extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("smtp_host", "localhost", "smtp_port", port, "tls", tls,
                "from", "modelwatch@example.com", "to", "ml-team@example.com", "timeout", "5s",
                "username_env", "SMTP_USER", "password_env", "SMTP_PASSWORD"));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put((String) extra[i], extra[i + 1]);
        }
        return TestTargets.factory(ENV).create("mail", "email", settings);
    }

    @Test
    void aCaBundleThatIsMissingOrNotPemIsAOneLineConfigurationError() throws IOException {
        Path missing = directory.resolve("missing.pem");
        assertThatThrownBy(() -> webhook("https://hooks.example.com", "ca_bundle_file", missing.toString()))
                .isInstanceOf(ActionConfigException.class)
                .hasMessage("action 'hook' (type webhook): key 'ca_bundle_file' names '" + missing
                        + "', but cannot read it (NoSuchFileException)");
        Path notPem = Files.writeString(directory.resolve("not.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");
        assertThatThrownBy(() -> webhook("https://hooks.example.com", "ca_bundle_file", notPem.toString()))
                .isInstanceOf(ActionConfigException.class)
                .hasMessageStartingWith("action 'hook' (type webhook): key 'ca_bundle_file' names '" + notPem + "', but ")
                .hasMessageNotContaining("\n");
        Path empty = Files.writeString(directory.resolve("empty.pem"), "");
        assertThatThrownBy(() -> webhook("https://hooks.example.com", "ca_bundle_file", empty.toString()))
                .isInstanceOf(ActionConfigException.class)
                .hasMessageEndingWith("but it holds no PEM certificate");
    }

    @Test
    void aCaBundleOnPlaintextMailIsRejected() {
        assertThatThrownBy(() -> mail("none", 25, "ca_bundle_file", certificates.caBundle().toString()))
                .isInstanceOf(ActionConfigException.class)
                .hasMessage("action 'mail' (type email): key 'ca_bundle_file' needs tls starttls or implicit");
    }

    @Test
    void everyTargetTypeTakesACaBundle() {
        String bundle = certificates.caBundle().toString();
        Map<String, Map<String, Object>> actions = Map.of(
                "airflow", Map.of("url", "https://airflow", "dag_id", "d", "username_env", "U", "password_env", "P",
                        "ca_bundle_file", bundle),
                "stepfunctions", Map.of("state_machine_arn", ARN, "region", "eu-west-1", "ca_bundle_file", bundle),
                "github", Map.of("repository", "acme/models", "workflow", "retrain.yml", "ref", "main",
                        "token_env", "T", "ca_bundle_file", bundle),
                "webhook", Map.of("url", "https://hooks", "secret_env", "S", "ca_bundle_file", bundle),
                "slack", Map.of("webhook_url_env", "W", "ca_bundle_file", bundle),
                "email", Map.of("smtp_host", "smtp", "smtp_port", 465, "tls", "implicit", "from", "a@example.com",
                        "to", "b@example.com", "ca_bundle_file", bundle));
        actions.forEach((type, settings) -> {
            try (RetrainingTarget target = TestTargets.factory(Map.of()).create(type, type, settings)) {
                assertThat(target).isNotNull();
            }
        });
    }
}
