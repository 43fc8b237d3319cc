package io.modelwatch.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.delivery.DeliverySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TriggerJobConfigTest {

    @Test
    void onlyRulesAndBootstrapServersAreRequiredAndTheTopicsDefaultToTheDesignsNames() {
        TriggerJobConfig config = TriggerJobConfig.fromArgs(new String[] {"--rules", "r.yaml", "--bootstrap-servers", "k:9092"});

        assertThat(config).isEqualTo(new TriggerJobConfig(Path.of("r.yaml"), Optional.empty(), "k:9092",
                "model-window-reports", "retraining-events", "retraining-dead-letter", "modelwatch-retraining-trigger",
                Duration.ofMinutes(5), Duration.ofMinutes(1), Optional.empty(), new Properties(), DeliverySettings.defaults()));
    }

    @Test
    void kafkaOptionsArePassedThroughWithoutTheirPrefix() {
        TriggerJobConfig config = TriggerJobConfig.fromArgs(new String[] {"--rules", "r.yaml", "--bootstrap-servers", "k:9092",
                "--kafka.security.protocol", "SSL", "--out-of-order", "15m", "--checkpoint-interval", "30s",
                "--reports-file", "reports.jsonl"});

        assertThat(config.kafkaProperties()).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThat(config.outOfOrderBound()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.checkpointInterval()).contains(Duration.ofSeconds(30));
        assertThat(config.reportsFile()).contains(Path.of("reports.jsonl"));
    }

    @Test
    void deliveryOptionsSetTheInFlightLimitTimeoutsAndRetries() {
        TriggerJobConfig config = TriggerJobConfig.fromArgs(new String[] {"--rules", "r.yaml", "--bootstrap-servers", "k:9092",
                "--delivery-capacity", "40", "--delivery-threads", "8", "--attempt-timeout", "3s",
                "--delivery-timeout", "2m", "--max-attempts", "7", "--initial-backoff", "500ms", "--max-backoff", "30s"});

        assertThat(config.delivery()).isEqualTo(new DeliverySettings(40, 8, Duration.ofSeconds(3), Duration.ofMinutes(2),
                new RetryPolicy(7, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), RetryPolicy.Jitter.FULL)));
    }

    @Test
    void aDeliveryTimeoutShorterThanOneAttemptIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TriggerJobConfig.fromArgs(new String[] {"--rules", "r", "--bootstrap-servers", "k",
                        "--attempt-timeout", "30s", "--delivery-timeout", "10s"}))
                .withMessageStartingWith("delivery options: the delivery timeout (PT10S) must be at least");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TriggerJobConfig.fromArgs(new String[] {"--rules", "r.yaml"}))
                .withMessage("--bootstrap-servers is required");
    }

    @Test
    void aMisspeltOptionIsAnErrorRatherThanIgnored() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TriggerJobConfig.fromArgs(new String[] {"--rules", "r.yaml", "--bootstrap-server", "k"}))
                .withMessageStartingWith("unknown option --bootstrap-server");
    }

    @Test
    void aMalformedDurationNamesItsOption() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TriggerJobConfig.fromArgs(new String[] {"--rules", "r", "--bootstrap-servers", "k",
                        "--out-of-order", "soon"}))
                .withMessageStartingWith("--out-of-order: ");
    }
}
