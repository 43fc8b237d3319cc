package io.modelwatch.retraining.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.common.config.ConfigException;
import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.delivery.DeliverySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggerConfigTest {

    @Test
    void onlyRulesAndBootstrapServersAreRequiredAndTheTopicsDefaultToTheDocumentedNames() throws Exception {
        TriggerConfig config = TriggerConfig.fromArgs("--rules", "r.yaml", "--kafka.bootstrap-servers", "k:9092");

        assertThat(config.rulesFile()).isEqualTo(Path.of("r.yaml"));
        assertThat(config.kafka().reportsTopic()).isEqualTo("model-window-reports");
        assertThat(config.kafka().eventsTopic()).isEqualTo("retraining-events");
        assertThat(config.kafka().deadLetterTopic()).isEqualTo("retraining-dead-letter");
        assertThat(config.kafka().groupId()).isEqualTo("modelwatch-retraining-trigger");
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.idleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.checkpoints().interval()).as("exactly-once sinks need checkpoints").isEqualTo(Duration.ofSeconds(30));
        assertThat(config.delivery().settings()).isEqualTo(DeliverySettings.defaults());
    }

    @Test
    void kafkaPropertiesArePassedThroughAndAFileIsOverriddenByArguments(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("trigger.yaml"), """
                rules: from-file.yaml
                out-of-orderness: 10m
                kafka:
                  bootstrap-servers: k:9092
                  properties: {security.protocol: SSL}
                """);

        TriggerConfig config = TriggerConfig.fromArgs("--config", file.toString(), "--out-of-orderness", "15m",
                "--kafka.properties.sasl.mechanism", "PLAIN", "--checkpoints.interval", "5s", "--reports-file", "r.jsonl");

        assertThat(config.rules()).isEqualTo("from-file.yaml");
        assertThat(config.kafka().properties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SSL", "sasl.mechanism", "PLAIN"));
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.reportsFile()).isEqualTo("r.jsonl");
    }

    @Test
    void deliveryKeysSetTheInFlightLimitTimeoutsAndRetries() throws Exception {
        TriggerConfig config = TriggerConfig.fromArgs("--rules", "r.yaml", "--kafka.bootstrap-servers", "k:9092",
                "--delivery.capacity", "40", "--delivery.threads", "8", "--delivery.attempt-timeout", "3s",
                "--delivery.timeout", "2m", "--delivery.max-attempts", "7", "--delivery.initial-backoff", "500ms",
                "--delivery.max-backoff", "30s");

        assertThat(config.delivery().settings()).isEqualTo(new DeliverySettings(40, 8, Duration.ofSeconds(3),
                Duration.ofMinutes(2), new RetryPolicy(7, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30),
                        RetryPolicy.Jitter.FULL)));
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        assertThatThrownBy(() -> TriggerConfig.fromArgs("--delivery.attempt-timeout", "30s", "--delivery.timeout", "10s",
                "--checkpoints.interval", "0s", "--delivery.capacity", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(String.join("\n",
                        "config: rules: required (the rules file)",
                        "config: kafka.bootstrap-servers: required when reading from or writing to Kafka",
                        "config: checkpoints.interval: the exactly-once Kafka sink commits on checkpoints; set an interval",
                        "config: delivery.capacity: must be at least 1, got 0",
                        "config: delivery.timeout: must be at least delivery.attempt-timeout, got 10s"));
    }

    @Test
    void misspeltKeysAreErrorsRatherThanIgnoredAllOfThem() {
        assertThatThrownBy(() -> TriggerConfig.fromArgs("--rules", "r.yaml", "--bootstrap-servers", "k",
                "--kafka.bootstrap-server", "k"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: unknown key 'bootstrap-servers'\nconfig: unknown key 'kafka.bootstrap-server'");
    }

    @Test
    void aMalformedOrAbsurdDurationNamesItsKey() {
        assertThatThrownBy(() -> TriggerConfig.fromArgs("--rules", "r", "--kafka.bootstrap-servers", "k",
                "--out-of-orderness", "soon"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config: out-of-orderness: ");
        assertThatThrownBy(() -> TriggerConfig.fromArgs("--rules", "r", "--kafka.bootstrap-servers", "k",
                "--idleness", "100000000000000d"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("idleness").hasMessageContaining("longer than the maximum 36500d");
    }
}
