package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.retraining.decision.Decision;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
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

    /** @param endpoint overrides the regional endpoint (LocalStack, a VPC endpoint, tests) */
    public record Config(String stateMachineArn, Region region, Optional<URI> endpoint) {
        public Config {
            Objects.requireNonNull(stateMachineArn, "stateMachineArn");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        URI effectiveEndpoint() {
            return endpoint.orElse(URI.create("https://states." + region.id() + ".amazonaws.com/"));
        }
    }

    private final Config config;
    private final SfnClient client;

    StepFunctionsTarget(Config config, SfnClient client) {
        this.config = config;
        this.client = client;
    }

    /**
     * A client with one attempt per call (retries are the caller's, with {@link RetryPolicy}) bounded by
     * {@code timeout}, on the JDK's URLConnection.
     */
    static SfnClient client(Config config, AwsCredentialsProvider credentials, Duration timeout) {
        var builder = SfnClient.builder()
                .region(config.region())
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(timeout)
                        .apiCallAttemptTimeout(timeout));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public DeliveryResult deliver(Decision decision) {
        try {
            StartExecutionResponse response = client.startExecution(request -> request
                    .stateMachineArn(config.stateMachineArn())
                    .name(decision.idempotencyKey())
                    .input(DecisionJson.toJson(decision)));
            return DeliveryResult.delivered(response.sdkHttpResponse().statusCode(),
                    "started " + response.executionArn());
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
            return DeliveryResult.retryable(DeliveryResult.NO_STATUS, Optional.empty(),
                    "no response: " + e.getClass().getSimpleName());
        } catch (SdkException e) {
            return DeliveryResult.permanent(DeliveryResult.NO_STATUS, "AWS SDK error: " + e.getClass().getSimpleName());
        }
    }

    private static String errorCode(SfnException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return "HTTP " + e.statusCode() + ": " + (code == null ? e.getClass().getSimpleName() : code);
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
}
