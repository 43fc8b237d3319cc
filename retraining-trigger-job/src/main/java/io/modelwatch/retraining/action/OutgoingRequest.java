package io.modelwatch.retraining.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request exactly as a target sends it. As a {@linkplain RetrainingTarget#preview preview} (dry run,
 * demo) every secret in it is {@value Secret#MASK}: in a header value, and the whole URL when the URL
 * itself is the secret (Slack). {@link #render} and {@link #toString} print the URL as a
 * {@link RedactedUrl}, without credentials embedded in it.
 *
 * @param method an HTTP method, or "SMTP" for email
 * @param headers in sending order
 */
public record OutgoingRequest(String method, String url, Map<String, String> headers, String body) {
    public OutgoingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A JSON POST: {@code Content-Type: application/json}, then the given header names and values in order. */
    static OutgoingRequest postJson(String url, String body, String... headerNamesAndValues) {
        if (headerNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers come as name, value pairs");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return new OutgoingRequest("POST", url, headers, body);
    }

    /** Readable text in the shape of an HTTP/1.1 request, for the dry-run and demo output. */
    public String render() {
        StringBuilder text = new StringBuilder(method).append(' ').append(RedactedUrl.of(url)).append('\n');
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.append('\n').append(body).toString();
    }

    /** Method and URL only: a request being sent carries credentials in its headers. */
    @Override
    public String toString() {
        return "OutgoingRequest[" + method + " " + RedactedUrl.of(url) + "]";
    }
}
