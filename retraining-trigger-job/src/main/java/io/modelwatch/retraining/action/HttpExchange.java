package io.modelwatch.retraining.action;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one {@link OutgoingRequest} with a timeout and classifies the common HTTP outcomes, for
 * every HTTP target. Failure details name the kind of failure only: exception messages can carry
 * the URL, which is a secret for Slack. A response body is quoted only through {@link Redaction},
 * which masks every secret the request carried, since a target may echo the request back.
 *
 * <p>Credentials in the URL ({@code https://user:password@host/...}) never go into the request
 * line: they are sent as HTTP Basic authentication when the request has no {@code Authorization}
 * of its own, and dropped otherwise. TLS is verified by the client (its trust is the JVM's, or an
 * action's {@code ca_bundle_file}); an untrusted certificate is a permanent failure.
 */
final class HttpExchange {
    static {
        // The JDK client's trace loggers print full URLs and header values when DEBUG is on for all loggers.
        SilencedLoggers.ensure();
    }

    /** An answer, with what must not be quoted from it. */
    record Reply(HttpResponse<String> response, Redaction redaction) {
        int status() {
            return response.statusCode();
        }

        HttpHeaders headers() {
            return response.headers();
        }

        String body() {
            return response.body() == null ? "" : response.body();
        }

        /** "HTTP 404: {start of the body}", redacted, on one line: error bodies explain (RFC 7807 detail, Slack's error code). */
        String describe() {
            String excerpt = redaction.excerpt(body());
            return "HTTP " + status() + (excerpt.isEmpty() ? "" : ": " + excerpt);
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    HttpExchange(HttpClient client, Duration timeout, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param secrets the secret values the request carries besides its credential headers and URL
     *     user info (which are found by themselves), e.g. a password in the body or a URL that is itself
     *     the credential; masked wherever the answer quotes them
     */
    Reply send(OutgoingRequest request, String... secrets) throws DeliveryFailure {
        Redaction redaction = Redaction.of(List.of(secrets)).withRequest(request.url(), request.headers());
        URI uri;
        try {
            uri = new URI(request.url());
        } catch (URISyntaxException e) {
            // The message would quote the URL.
            throw DeliveryFailure.permanent("invalid request URL (" + e.getReason() + ")");
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (uri.getRawUserInfo() != null) {
            if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase) && uri.getUserInfo() != null) {
                String basic = "Basic " + Base64.getEncoder().encodeToString(
                        uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
                headers.put("Authorization", basic);
                redaction = redaction.withRequest(request.url(), Map.of("Authorization", basic));
            }
            uri = withoutUserInfo(uri);
        }
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent("invalid request URL");
        }
        try {
            headers.forEach(builder::header);
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent("invalid request header");
        }
        try {
            return new Reply(client.send(builder.build(), HttpResponse.BodyHandlers.ofString()), redaction);
        } catch (HttpTimeoutException e) {
            throw retryable("no response within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            if (TlsTrust.isUntrustedCertificate(e)) {
                throw DeliveryFailure.permanent(TlsTrust.UNTRUSTED_DETAIL);
            }
            throw retryable("no response: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw retryable("interrupted while waiting for the response");
        }
    }

    /** 2xx delivered; 408, 425, 429 and 5xx retryable with the server's Retry-After; anything else permanent. */
    DeliveryResult classify(Reply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(status, "HTTP " + status);
        }
        String detail = reply.describe();
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return DeliveryResult.retryable(status, RetryAfter.parse(reply.headers().firstValue("Retry-After"), clock),
                    detail);
        }
        if (status >= 300 && status < 400) {
            return DeliveryResult.permanent(status, detail + " (redirects are not followed)");
        }
        return DeliveryResult.permanent(status, detail);
    }

    /** The URL without {@code user:password@} (and without a fragment, which is never sent). */
    static URI withoutUserInfo(URI uri) {
        StringBuilder text = new StringBuilder(uri.getScheme()).append("://").append(uri.getRawAuthority()
                .substring(uri.getRawAuthority().lastIndexOf('@') + 1));
        text.append(Optional.ofNullable(uri.getRawPath()).orElse(""));
        if (uri.getRawQuery() != null) {
            text.append('?').append(uri.getRawQuery());
        }
        return URI.create(text.toString());
    }

    private static DeliveryFailure retryable(String detail) {
        return new DeliveryFailure(DeliveryResult.retryable(DeliveryResult.NO_STATUS, Optional.empty(), detail));
    }
}
