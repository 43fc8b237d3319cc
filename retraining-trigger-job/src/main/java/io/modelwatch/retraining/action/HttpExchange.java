package io.modelwatch.retraining.action;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Sends one {@link OutgoingRequest} with a timeout and classifies the common HTTP outcomes, for
 * every HTTP target. Failure details name the kind of failure only: exception messages can carry
 * the URL, which is a secret for Slack.
 */
final class HttpExchange {
    private static final int MAX_BODY_EXCERPT = 200;
    /**
     * The JDK client's trace loggers print full URLs and, for HTTP/2, header values whenever DEBUG is
     * on for all loggers; a URL is Slack's credential and headers carry tokens. Held strongly, or
     * java.util.logging would forget the level.
     */
    private static final List<Logger> JDK_TRACE_LOGGERS =
            silenced("jdk.internal.httpclient.debug", "jdk.internal.httpclient.hpack.debug");

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    HttpExchange(HttpClient client, Duration timeout, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    HttpResponse<String> send(OutgoingRequest request) throws DeliveryFailure {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(request.url()))
                    .timeout(timeout)
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent("invalid request URL or header");
        }
        request.headers().forEach(builder::header);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw retryable("no response within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw retryable("no response: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw retryable("interrupted while waiting for the response");
        }
    }

    /** 2xx delivered; 408, 425, 429 and 5xx retryable with the server's Retry-After; anything else permanent. */
    DeliveryResult classify(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(status, "HTTP " + status);
        }
        String detail = describe(response);
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return DeliveryResult.retryable(status, RetryAfter.parse(response.headers().firstValue("Retry-After"), clock),
                    detail);
        }
        if (status >= 300 && status < 400) {
            return DeliveryResult.permanent(status, detail + " (redirects are not followed)");
        }
        return DeliveryResult.permanent(status, detail);
    }

    /** "HTTP 404: {start of the body}", on one line: error bodies explain (RFC 7807 detail, Slack's error code). */
    static String describe(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
        if (body.length() > MAX_BODY_EXCERPT) {
            body = body.substring(0, MAX_BODY_EXCERPT) + "…";
        }
        return "HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body);
    }

    private static List<Logger> silenced(String... names) {
        List<Logger> loggers = Stream.of(names).map(Logger::getLogger).toList();
        loggers.forEach(logger -> logger.setLevel(Level.OFF));
        return loggers;
    }

    private static DeliveryFailure retryable(String detail) {
        return new DeliveryFailure(DeliveryResult.retryable(DeliveryResult.NO_STATUS, Optional.empty(), detail));
    }
}
