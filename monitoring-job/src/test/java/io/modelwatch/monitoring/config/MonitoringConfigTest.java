package io.modelwatch.monitoring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringConfigTest {
    @TempDir
    Path dir;

    @Test
    void aYamlFileOverridesTheDefaultsAndArgumentsOverrideTheFile() throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, """
                window: 2m
                shards: 8
                kafka:
                  bootstrap-servers: broker:9092
                  properties: {security.protocol: SASL_SSL}
                """);

        MonitoringConfig config = MonitoringConfig.fromArgs("--config", file.toString(), "--shards", "16",
                "--kafka.properties.sasl.mechanism", "PLAIN");

        assertThat(config.window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.shards()).isEqualTo(16);
        assertThat(config.idleness()).as("a default").isEqualTo(Duration.ofMinutes(1));
        assertThat(config.kafka().properties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
    }

    @Test
    void everyBrokenRuleIsReportedWithItsKey() {
        assertThatThrownBy(() -> MonitoringConfig.load(null, Map.of("window", "0s", "shards", "0",
                "kafka.transaction-timeout", "1h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config: window: must be a positive duration, got 0s")
                .hasMessageContaining("config: shards: must be at least 1, got 0")
                .hasMessageContaining("config: kafka.bootstrap-servers: required")
                .hasMessageContaining("config: kafka.transaction-timeout: must be at most 15m");
    }

    @Test
    void aLabelsSourceNeedsWhereToReadFromAndTheJoinsWaitsMustFitUnderItsBackstop() {
        assertThatThrownBy(() -> MonitoringConfig.load(null, Map.of("source.labels", "file", "source.type", "generator",
                "sinks.kafka", "false", "label-join.horizon", "8d", "concept-drift.detector", "page-hinkley")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config: source.labels-path: required when source.labels is file")
                .hasMessageContaining("config: label-join.state-ttl: must be longer than label-join.horizon")
                .hasMessageContaining("config: concept-drift.detector: must be one of [adwin, ddm], got page-hinkley");
    }

    @Test
    void regressionModelsAreAListEvenWhenGivenAsAnArgument() throws Exception {
        MonitoringConfig config = MonitoringConfig.fromArgs("--source.type", "generator", "--sinks.kafka", "false",
                "--performance.regression-models", "[price, rent]");

        assertThat(config.performance().regressionModels()).containsExactly("price", "rent");
        assertThat(config.source().labels()).as("no labels source by default").isEqualTo("none");
    }

    @Test
    void anUnknownKeyOrAMalformedDurationIsNamed() {
        assertThatThrownBy(() -> MonitoringConfig.load(null, Map.of("windw", "1m")))
                .hasMessage("config: unknown key 'windw'");
        assertThatThrownBy(() -> MonitoringConfig.load(null, Map.of("window", "soon")))
                .hasMessageContaining("window").hasMessageContaining("'soon' is not a duration");
    }
}
