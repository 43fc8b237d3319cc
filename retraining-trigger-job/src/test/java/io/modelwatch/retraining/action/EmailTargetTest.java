package io.modelwatch.retraining.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.modelwatch.retraining.action.EmailTarget.Tls;
import io.modelwatch.retraining.decision.Decision;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailTargetTest {
    private static final Map<String, String> ENV = Map.of("SMTP_USER", "alerts", "SMTP_PASSWORD", "smtp-pa55");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts", "smtp-pa55"));

    private static RetrainingTarget target(String tls, int port, Object... extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("smtp_host", "127.0.0.1", "smtp_port", port, "tls", tls,
                "from", "modelwatch@example.com", "to", List.of("ml-team@example.com", "oncall@example.com"),
                "timeout", "2s"));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put((String) extra[i], extra[i + 1]);
        }
        return TestTargets.factory(ENV).create("mail", "email", settings);
    }

    private static RetrainingTarget authenticatedTarget(String tls) {
        return target(tls, SMTP.getSmtp().getPort(), "username_env", "SMTP_USER", "password_env", "SMTP_PASSWORD");
    }

    @Test
    void sendsThePlainTextDecisionToEveryRecipient() throws Exception {
        Decision decision = SampleDecision.critical();

        DeliveryResult result = authenticatedTarget("none").deliver(decision);

        assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.DELIVERED);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage message = received[0];
        assertThat(message.getFrom()[0].toString()).isEqualTo("modelwatch@example.com");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ml-team@example.com", "oncall@example.com");
        assertThat(message.getSubject()).isEqualTo("[ModelWatch] critical: credit-default v3 - rule critical-drift");
        assertThat(message.getHeader(EmailTarget.IDEMPOTENCY_HEADER)).containsExactly(decision.idempotencyKey());
        String body = GreenMailUtil.getBody(message);
        assertThat(body).contains("credit-default", "v3", "critical-drift", "critical", "2026-11-28T03:00:00Z",
                "2026-11-28T03:05:00Z", "max_psi = 0.23", "drift_share = 0.4", decision.idempotencyKey());
    }

    @Test
    void requiredStartTlsFailsPermanentlyInsteadOfSendingInPlaintext() {
        // GreenMail's SMTP server offers no STARTTLS, like a misconfigured or downgraded relay.
        DeliveryResult result = authenticatedTarget("starttls").deliver(SampleDecision.critical());

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).containsIgnoringCase("STARTTLS");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void wrongCredentialsArePermanent() {
        RetrainingTarget target = TestTargets.factory(Map.of("SMTP_USER", "alerts", "SMTP_PASSWORD", "wrong"))
                .create("mail", "email", Map.of("smtp_host", "127.0.0.1", "smtp_port", SMTP.getSmtp().getPort(),
                        "tls", "none", "from", "modelwatch@example.com", "to", "ml-team@example.com",
                        "username_env", "SMTP_USER", "password_env", "SMTP_PASSWORD"));
        DeliveryResult result = target.deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).doesNotContain("wrong");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryResult result = target("none", closedPort).deliver(SampleDecision.critical());
        assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.RETRYABLE);
    }

    @Test
    void tlsModesMapToTheJakartaMailProperties() {
        Properties startTls = EmailTarget.sessionProperties(config(Tls.STARTTLS));
        assertThat(startTls).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .doesNotContainKey("mail.smtp.ssl.enable");
        Properties implicit = EmailTarget.sessionProperties(config(Tls.IMPLICIT));
        assertThat(implicit).containsEntry("mail.smtp.ssl.enable", "true")
                .doesNotContainKey("mail.smtp.starttls.enable");
        Properties none = EmailTarget.sessionProperties(config(Tls.NONE));
        assertThat(none).doesNotContainKeys("mail.smtp.ssl.enable", "mail.smtp.starttls.enable");
        for (Properties props : List.of(startTls, implicit)) {
            // Certificates are always verified, host name included: nothing trusts a server blindly.
            assertThat(props).containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                    .doesNotContainKey("mail.smtp.ssl.trust");
        }
        for (Properties props : List.of(startTls, implicit, none)) {
            assertThat(props).containsEntry("mail.smtp.connectiontimeout", "7000")
                    .containsEntry("mail.smtp.timeout", "7000")
                    .containsEntry("mail.smtp.writetimeout", "7000");
        }
    }

    private static EmailTarget.Config config(Tls tls) {
        return new EmailTarget.Config("smtp.example.com", 587, tls, Optional.empty(), Optional.empty(),
                "modelwatch@example.com", List.of("ml-team@example.com"), Duration.ofSeconds(7));
    }

    @Test
    void thePreviewDescribesTheMailWithoutSendingIt() {
        OutgoingRequest preview = authenticatedTarget("starttls").preview(SampleDecision.critical());
        assertThat(preview.method()).isEqualTo("SMTP");
        assertThat(preview.url()).isEqualTo("smtp://127.0.0.1:" + SMTP.getSmtp().getPort());
        assertThat(preview.headers()).containsEntry("To", "ml-team@example.com, oncall@example.com");
        assertThat(preview.render()).doesNotContain("smtp-pa55");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
