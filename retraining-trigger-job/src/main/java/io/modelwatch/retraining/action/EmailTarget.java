package io.modelwatch.retraining.action;

import io.modelwatch.retraining.decision.Decision;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends a plain-text email about the decision over SMTP (Jakarta Mail on Eclipse Angus Mail). With
 * STARTTLS or implicit TLS the server's certificate and host name are always verified, against the
 * JVM's trust store and the action's {@code ca_bundle_file} if it has one. Server replies quoted in a
 * detail are {@linkplain Redaction redacted} of the credentials the login used.
 */
public final class EmailTarget implements RetrainingTarget {
    static final String IDEMPOTENCY_HEADER = "X-ModelWatch-Idempotency-Key";

    /** How the connection is secured. */
    public enum Tls {
        /** Upgrade with STARTTLS, usually on 587; refuse to continue in plaintext when the server can't. */
        STARTTLS,
        /** TLS from the first byte, usually on 465. */
        IMPLICIT,
        /** Plaintext, for a relay on a trusted network only. */
        NONE
    }

    /** @param username with {@code password}, or both empty for a relay without authentication */
    public record Config(String host, int port, Tls tls, Optional<Secret> username, Optional<Secret> password,
            String from, List<String> to, Duration timeout) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(timeout, "timeout");
            to = List.copyOf(to);
            if (username.isPresent() != password.isPresent()) {
                throw new IllegalArgumentException("username and password go together");
            }
        }
    }

    static {
        // Angus Mail logs the login name and, at FINEST, every server reply (which may quote the AUTH exchange).
        SilencedLoggers.ensure();
    }

    private final Config config;
    private final Session session;

    EmailTarget(Config config) {
        this(config, Optional.empty());
    }

    /** @param trust the CA bundle to trust besides the JVM's trust store, for STARTTLS and implicit TLS */
    EmailTarget(Config config, Optional<TlsTrust> trust) {
        this.config = config;
        this.session = Session.getInstance(sessionProperties(config, trust));
    }

    static Properties sessionProperties(Config config) {
        return sessionProperties(config, Optional.empty());
    }

    /**
     * The Jakarta Mail session properties: TLS mode with the server's identity checked, the socket
     * factory of the CA bundle if any, authentication and finite timeouts. Nothing here trusts a
     * certificate without verifying it ({@code mail.smtp.ssl.trust} is never set).
     */
    static Properties sessionProperties(Config config, Optional<TlsTrust> trust) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", config.host());
        props.setProperty("mail.smtp.port", Integer.toString(config.port()));
        // Jakarta Mail waits forever by default, which would stall the operator thread.
        String millis = Long.toString(config.timeout().toMillis());
        props.setProperty("mail.smtp.connectiontimeout", millis);
        props.setProperty("mail.smtp.timeout", millis);
        props.setProperty("mail.smtp.writetimeout", millis);
        props.setProperty("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        // Debug output, when someone turns it on, must still leave out the AUTH exchange.
        props.setProperty("mail.debug.auth", "false");
        switch (config.tls()) {
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                // Without "required" a server that doesn't offer STARTTLS gets the password in plaintext.
                props.setProperty("mail.smtp.starttls.required", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case IMPLICIT -> {
                props.setProperty("mail.smtp.ssl.enable", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        if (config.tls() != Tls.NONE) {
            // Used for implicit TLS and for the STARTTLS upgrade alike; an object, not a class name.
            trust.ifPresent(t -> props.put("mail.smtp.ssl.socketFactory", t.socketFactory()));
        }
        return props;
    }

    @Override
    public DeliveryResult deliver(Decision decision) {
        Redaction redaction = Redaction.none();
        try {
            OutgoingRequest mail = mail(decision);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(config.from(), true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", config.to()), true));
            message.setSubject(mail.headers().get("Subject"), StandardCharsets.UTF_8.name());
            message.setHeader(IDEMPOTENCY_HEADER, decision.idempotencyKey());
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
            String username = config.username().isPresent() ? config.username().get().reveal() : null;
            String password = config.password().isPresent() ? config.password().get().reveal() : null;
            if (username != null && password != null) {
                // AUTH PLAIN sends base64("\0user\0password"), AUTH LOGIN each in base64: a server may quote them.
                redaction = Redaction.of(List.of(username, password, "\0" + username + "\0" + password,
                        username + "\0" + password));
            }
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(config.host(), config.port(), username, password);
                transport.sendMessage(message, message.getAllRecipients());
            }
            return DeliveryResult.delivered(250, "sent to " + config.to().size() + " recipient(s)");
        } catch (DeliveryFailure failure) {
            return failure.result();
        } catch (AddressException e) {
            return DeliveryResult.permanent(DeliveryResult.NO_STATUS,
                    "invalid address: " + redaction.excerpt(e.getMessage()));
        } catch (MessagingException e) {
            return classify(e, redaction);
        }
    }

    @Override
    public OutgoingRequest preview(Decision decision) {
        return mail(decision);
    }

    private OutgoingRequest mail(Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("From", config.from());
        headers.put("To", String.join(", ", config.to()));
        headers.put("Subject", "[ModelWatch] " + decision.severity().wireName() + ": " + decision.model() + " "
                + decision.modelVersion() + " - rule " + decision.rule());
        headers.put(IDEMPOTENCY_HEADER, decision.idempotencyKey());
        StringBuilder body = new StringBuilder()
                .append("Rule ").append(decision.rule()).append(" (").append(decision.severity().wireName())
                .append(") fired for model ").append(decision.model()).append(' ').append(decision.modelVersion())
                .append(".\n\nWindow: ").append(decision.windowStart()).append(" - ").append(decision.windowEnd())
                .append("\nMetrics:\n");
        new TreeMap<>(decision.metrics()).forEach((name, value) ->
                body.append("  ").append(name).append(" = ").append(value).append('\n'));
        body.append("Idempotency key: ").append(decision.idempotencyKey())
                .append("\n\nDecision (JSON):\n").append(DecisionJson.toJson(decision)).append('\n');
        String scheme = config.tls() == Tls.IMPLICIT ? "smtps" : "smtp";
        return new OutgoingRequest("SMTP", scheme + "://" + config.host() + ":" + config.port(), headers,
                body.toString());
    }

    /** SMTP 4xx replies and lost connections are worth retrying; 5xx replies, bad credentials and TLS refusals are not. */
    private static DeliveryResult classify(MessagingException e, Redaction redaction) {
        if (TlsTrust.isUntrustedCertificate(e)) {
            return DeliveryResult.permanent(DeliveryResult.NO_STATUS, TlsTrust.UNTRUSTED_DETAIL);
        }
        int code = replyCode(e);
        // The message quotes the server's reply, which may quote what we sent.
        String detail = e.getClass().getSimpleName() + ": " + redaction.excerpt(e.getMessage());
        if (code >= 400 && code < 500) {
            return DeliveryResult.retryable(code, Optional.empty(), detail);
        }
        if (code >= 500 || e instanceof AuthenticationFailedException) {
            return DeliveryResult.permanent(code, detail);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return DeliveryResult.retryable(DeliveryResult.NO_STATUS, Optional.empty(), detail);
            }
        }
        return DeliveryResult.permanent(DeliveryResult.NO_STATUS, detail);
    }

    private static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
        }
        return DeliveryResult.NO_STATUS;
    }
}
