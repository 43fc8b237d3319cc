package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature values near ±1.7e308 through the whole job (parallelism 2, so two partial windows meet
 * through their serialized form): the report has a finite mean, standard deviation and quantiles,
 * and a drift verdict. Every expected number is worked out in the comments, independently of the
 * job (checked with Python's exact fractions and, for the p-value, SciPy's {@code ks_2samp}).
 */
class FeaturesNearTheDoubleLimitsTest {
    private static final double BIG = 1.7e308;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void valuesNearTheEndsOfTheDoubleRangeGetFiniteStatisticsAndADriftVerdict() throws Exception {
        // Reference: x and y are 1..100 (population std √((100² − 1) / 12) = 28.86607004772212).
        StringBuilder reference = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            reference.append(event("r" + i, "2025-12-31T00:00:00Z", Integer.toString(i), Integer.toString(i)));
        }
        Path profile = dir.resolve("m.json");
        ProfileCodec.write(new ProfileBuilder(ProfileOptions.defaults(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build(DatasetReader.read(Files.writeString(dir.resolve("reference.jsonl"), reference)), "m", null), profile);
        // One window of 40 events. x: 10 × 1.7e308, 10 × −1.7e308, 10 × 1e308, 1..10; y: 20 × ±1.7e308.
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String x = switch (i / 10) {
                case 0 -> "1.7e308";
                case 1 -> "-1.7e308";
                case 2 -> "1e308";
                default -> Integer.toString(i - 29);
            };
            events.append(event("e" + i, "2026-01-01T00:00:" + String.format("%02d", i) + "Z", x,
                    i % 2 == 0 ? "1.7e308" : "-1.7e308"));
        }
        List<WindowReport> reports = run(Files.writeString(dir.resolve("events.jsonl"), events), profile);

        assertThat(reports).hasSize(1);
        WindowReport report = reports.get(0);
        assertThat(report.volume().predictions()).isEqualTo(40);
        FeatureReport x = report.features().get("x");
        // mean = (10·1e308 + 55) / 40 = 2.5e307; variance = (20 × 2.89e616 + 10 × 1e616 + 385) / 40 − (2.5e307)²
        // = 1.695e616 − 0.0625e616 = 1.6325e616, std = √1.6325 · 1e308
        assertThat(x.numerical().mean()).isCloseTo(2.5e307, within(2.5e307 * 1e-13));
        assertThat(x.numerical().std()).isCloseTo(1.2776932339180638e308, within(1.28e308 * 1e-13));
        assertThat(x.numerical().min()).isEqualTo(-BIG);
        assertThat(x.numerical().max()).isEqualTo(BIG);
        // NumPy's linear quantiles of the sorted 40: positions 39q. p05 at 1.95: −1.7e308. p25 at 9.75, between
        // −1.7e308 and 1: 1 − (1 + 1.7e308) · 0.25 = −4.25e307. p50 at 19.5, between 10 and 1e308: 5e307.
        // p75 at 29.25, between 1e308 and 1.7e308: 1.175e308. p95 at 37.05: 1.7e308.
        assertThat(x.numerical().quantiles().get("p05")).isEqualTo(-BIG);
        assertThat(x.numerical().quantiles().get("p25")).isCloseTo(-4.25e307, within(4.25e307 * 1e-14));
        assertThat(x.numerical().quantiles().get("p50")).isCloseTo(5e307, within(5e307 * 1e-14));
        assertThat(x.numerical().quantiles().get("p75")).isCloseTo(1.175e308, within(1.175e308 * 1e-14));
        assertThat(x.numerical().quantiles().get("p95")).isEqualTo(BIG);
        // KS against 1..100: below 1 the window's ECDF is 0.25, from 100 to 1e308 it is 0.5 while the
        // reference's is 1: D = 0.5. SciPy ks_2samp (exact, n = 100, m = 40, D = 0.5): p = 5.299027236844599e-07.
        assertThat(x.drift()).isNotNull();
        assertThat(x.drift().method()).isEqualTo("ks");
        assertThat(x.drift().score()).isEqualTo(0.5);
        assertThat(x.drift().pValue()).isCloseTo(5.299027236844599e-07, within(1e-15));
        assertThat(x.drift().drifted()).isTrue();
        // W1 = 0.25 · (1.7e308 + 1) + (a few hundred between 1 and 100) + 0.5 · 1e308 + 0.25 · 0.7e308 = 1.1e308;
        // over the reference's std: 1.1e308 / 28.86607004772212 = 3.8107023165309727e306.
        assertThat(x.stats().get("wasserstein_norm")).isCloseTo(3.8107023165309727e306, within(3.82e306 * 1e-12));

        FeatureReport y = report.features().get("y");
        // ±1.7e308, 20 of each: mean 0, every deviation 1.7e308, so std 1.7e308.
        assertThat(y.numerical().mean()).isCloseTo(0.0, within(BIG * 1e-14));
        assertThat(y.numerical().std()).isCloseTo(BIG, within(BIG * 1e-13));
        // p50 at 19.5 lies halfway between −1.7e308 and 1.7e308 (where NumPy's interpolation overflows): 0.
        assertThat(y.numerical().quantiles().get("p25")).isEqualTo(-BIG);
        assertThat(y.numerical().quantiles().get("p50")).isCloseTo(0.0, within(BIG * 1e-14));
        assertThat(y.numerical().quantiles().get("p75")).isEqualTo(BIG);
        // ECDF 0.5 below 1 and 0.5 from 100 on: D = 0.5, the same p-value; W1 = 0.5 · (1.7e308 + 1)
        // + (the reference's rise, a few dozen) + 0.5 · (1.7e308 − 100) = 1.7e308, normalized 5.889267216456958e306.
        assertThat(y.drift().score()).isEqualTo(0.5);
        assertThat(y.drift().pValue()).isCloseTo(5.299027236844599e-07, within(1e-15));
        assertThat(y.drift().drifted()).isTrue();
        assertThat(y.stats().get("wasserstein_norm")).isCloseTo(5.889267216456958e306, within(5.89e306 * 1e-12));

        assertThat(report.datasetDrift().driftedFeatures()).isEqualTo(2);
        assertThat(report.datasetDrift().drifted()).isTrue();
    }

    private static String event(String id, String timestamp, String x, String y) {
        return "{\"prediction_id\":\"" + id + "\",\"model\":\"m\",\"timestamp\":\"" + timestamp
                + "\",\"features\":{\"x\":" + x + ",\"y\":" + y + "},\"prediction\":\"0\"}\n";
    }

    private List<WindowReport> run(Path events, Path profile) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", "1m");
        overrides.put("watermarks", "per-event");
        overrides.put("shards", "2");
        overrides.put("source.type", "file");
        overrides.put("source.path", events.toString());
        overrides.put("sinks.kafka", "false");
        overrides.put("checkpoints.interval", "0s");
        overrides.put("reference", profile.toString());
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        ModelCatalog catalog = MonitoringJob.catalog(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config.checkpoints()));
        env.setParallelism(2);
        DataStream.Collector<WindowReport> reports = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config),
                stream -> stream.collectAsync(reports), stream -> stream.collectAsync(deadLetters));
        env.executeAsync();
        List<WindowReport> emitted = new ArrayList<>();
        reports.getOutput().forEachRemaining(emitted::add);
        List<DeadLetter> rejected = new ArrayList<>();
        deadLetters.getOutput().forEachRemaining(rejected::add);
        assertThat(rejected).isEmpty();
        return emitted;
    }
}
