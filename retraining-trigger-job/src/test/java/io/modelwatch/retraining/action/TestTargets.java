package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A {@link TargetFactory} as production builds it, but with a given environment, clock and AWS keys;
 * and the mock-server responses and request bodies the target tests use.
 */
final class TestTargets {
    static final Instant NOW = Instant.parse("2026-11-28T03:06:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String AWS_ACCESS_KEY = "AKIDTESTACCESSKEY0001";
    static final String AWS_SECRET_KEY = "aws-secret-key-do-not-leak-0001";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestTargets() {}

    static TargetFactory factory(Map<String, String> environment) {
        return new TargetFactory(new SecretSource(environment), CLOCK, HTTP,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(AWS_ACCESS_KEY, AWS_SECRET_KEY)));
    }

    /** A response with a status, a body and header name/value pairs. */
    static MockResponse response(int code, String body, String... headerNamesAndValues) {
        MockResponse.Builder builder = new MockResponse.Builder().code(code).body(body);
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            builder.addHeader(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return builder.build();
    }

    static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    static JsonNode json(RecordedRequest request) {
        return json(body(request));
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
