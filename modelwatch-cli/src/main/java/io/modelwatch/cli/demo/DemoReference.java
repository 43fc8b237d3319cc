package io.modelwatch.cli.demo;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import java.time.Clock;
import java.time.Duration;

/**
 * The demo model's training data: the same traffic before any drift, drawn with another seed so
 * the reference is not the live stream's own first minutes.
 */
final class DemoReference {
    static final int ROWS = 5_000;

    private DemoReference() {}

    static ReferenceProfile profile(GeneratorConfig live, Clock clock) {
        TrafficGenerator training = new TrafficGenerator(
                live.withSeed(live.seed() + 1).withDriftAfter(Duration.ofDays(365)));
        Dataset data = new Dataset("demo training traffic");
        for (long i = 0; i < ROWS; i++) {
            PredictionEvent event = training.event(i);
            if (!event.isError()) {
                data.addRow(event.features(), event.prediction(), training.label(i).map(l -> l.actual()).orElse(null));
            }
        }
        return new ProfileBuilder(ProfileOptions.defaults(), clock)
                .build(data, TrafficGenerator.MODEL, TrafficGenerator.MODEL_VERSION);
    }
}
