package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.retraining.decision.Decision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionLimitExceededException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * Starts an AWS Step Functions execution named by the idempotency key, with the decision as input.
 * For Standard workflows a replay is then {@code ExecutionAlreadyExists}, i.e. a duplicate
 * (Express workflows do not deduplicate).
 */
public final class StepFunctionsTarget implements RetrainingTarget {
    /**
     * What an error code or execution ARN from the response must look like to be quoted: a server
     * that echoes the request must not get its Authorization header into a detail.
     */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.#]{0,99}");
    private static final Pattern EXECUTION_ARN =
            Pattern.compile("arn:[a-z0-9-]+:states:[a-z0-9-]*:[0-9]*:execution:[A-Za-z0-9_.:-]{1,200}");

    /** @param endpoint overrides the regional endpoint (LocalStack, a VPC endpoint, tests) */
    public record Config(String stateMachineArn, Region region, Optional<URI> endpoint) {
        public Config {
            Objects.requireNonNull(stateMachineArn, "stateMachineArn");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        @Override
        public String toString() {
            return "Config[stateMachineArn=" + stateMachineArn + ", region=" + region + ", endpoint="
                    + endpoint.map(RedactedUrl::of) + "]";
        }

        URI effectiveEndpoint() {
            return endpoint.orElse(URI.create("https://states." + region.id() + ".amazonaws.com/"));
        }
    }

    static {
        // HttpURLConnection logs every request header, the SigV4 Authorization included, at FINE.
        SilencedLoggers.ensure();
    }

    private final Config config;
    private final SfnClient client;

    StepFunctionsTarget(Config config, SfnClient client) {
        this.config = config;
        this.client = client;
    }

    /**
     * A client with one attempt per call (retries are the caller's, with {@link RetryPolicy}) bounded by
     * {@code timeout}, on the JDK's URLConnection, verifying TLS against the JVM's trust store and,
     * when given, the action's CA bundle.
     */
    static SfnClient client(Config config, AwsCredentialsProvider credentials, Duration timeout,
            Optional<TlsTrust> trust) {
        var http = UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout);
        trust.ifPresent(t -> http.tlsTrustManagersProvider(() -> new TrustManager[] {t.trustManager()}));
        var builder = SfnClient.builder()
                .region(config.region())
                .credentialsProvider(credentials)
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ResponseSanitizer())
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(timeout)
                        .apiCallAttemptTimeout(timeout));
        config.endpoint().map(HttpExchange::withoutUserInfo).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public DeliveryResult deliver(Decision decision) {
        try {
            StartExecutionResponse response = client.startExecution(request -> request
                    .stateMachineArn(config.stateMachineArn())
                    .name(decision.idempotencyKey())
                    .input(DecisionJson.toJson(decision)));
            String arn = response.executionArn();
            return DeliveryResult.delivered(response.sdkHttpResponse().statusCode(),
                    arn != null && EXECUTION_ARN.matcher(arn).matches() ? "started " + arn : "started an execution");
        } catch (ExecutionAlreadyExistsException e) {
            return DeliveryResult.duplicate(e.statusCode(), "execution " + decision.idempotencyKey() + " already exists");
        } catch (ExecutionLimitExceededException e) {
            return DeliveryResult.retryable(e.statusCode(), Optional.empty(), errorCode(e));
        } catch (SfnException e) {
            return e.isThrottlingException() || e.statusCode() >= 500
                    ? DeliveryResult.retryable(e.statusCode(), Optional.empty(), errorCode(e))
                    : DeliveryResult.permanent(e.statusCode(), errorCode(e));
        } catch (SdkClientException e) {
            // No answer: connect failure or timeout. The message may name the endpoint; keep the detail generic.
            if (TlsTrust.isUntrustedCertificate(e)) {
                return DeliveryResult.permanent(DeliveryResult.NO_STATUS, TlsTrust.UNTRUSTED_DETAIL);
            }
            return DeliveryResult.retryable(DeliveryResult.NO_STATUS, Optional.empty(),
                    "no response: " + e.getClass().getSimpleName());
        } catch (SdkException e) {
            return DeliveryResult.permanent(DeliveryResult.NO_STATUS, "AWS SDK error: " + e.getClass().getSimpleName());
        }
    }

    /** "HTTP 400: StateMachineDoesNotExist"; never the error message, which a server may fill with anything. */
    private static String errorCode(SfnException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        boolean quotable = code != null && ERROR_CODE.matcher(code).matches();
        return "HTTP " + e.statusCode() + ": " + (quotable ? code : e.getClass().getSimpleName());
    }

    @Override
    public OutgoingRequest preview(Decision decision) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("stateMachineArn", config.stateMachineArn());
        body.put("name", decision.idempotencyKey());
        body.put("input", DecisionJson.toJson(decision));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("X-Amz-Target", "AWSStepFunctions.StartExecution");
        headers.put("Authorization", "AWS4-HMAC-SHA256 " + Secret.MASK);
        return new OutgoingRequest("POST", config.effectiveEndpoint().toString(), headers, body.toString());
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Shows the SDK only response bodies that are safe to quote. The SDK logs a body it cannot parse
     * and puts an error's {@code message} into its exception: a server that echoes the request would
     * get the SigV4 Authorization into both. So an error body is cut down to its error code (when it
     * has the shape of one), and a success body that is not a JSON object becomes {@code {}}.
     */
    static final class ResponseSanitizer implements ExecutionInterceptor {
        private static final int MAX_BODY_BYTES = 1 << 20;
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                ExecutionAttributes attributes) {
            Optional<InputStream> body = context.responseBody();
            if (body.isEmpty()) {
                return body;
            }
            byte[] bytes;
            try (InputStream in = body.get()) {
                bytes = in.readNBytes(MAX_BODY_BYTES);
            } catch (IOException e) {
                bytes = new byte[0];
            }
            return Optional.of(new ByteArrayInputStream(sanitized(context.httpResponse().isSuccessful(), bytes)));
        }

        static byte[] sanitized(boolean success, byte[] body) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
            if (success) {
                return body;
            }
            ObjectNode safe = JsonNodeFactory.instance.objectNode();
            for (String key : new String[] {"__type", "code"}) {
                JsonNode code = json.get(key);
                if (code != null && code.isTextual() && ERROR_CODE.matcher(code.asText()).matches()) {
                    safe.put(key, code.asText());
                }
            }
            return safe.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
