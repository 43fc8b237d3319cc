package io.modelwatch.monitoring.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorConfigTest {

    @Test
    void eachWitherChangesOnlyItsOwnSetting() {
        GeneratorConfig d = GeneratorConfig.DEFAULTS;
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(d.withSeed(7)).isEqualTo(new GeneratorConfig(7, d.eventsPerSecond(), d.start(),
                d.driftAfter(), d.labelDelayMean(), d.labelLossFraction(), d.errorRate(), d.missingRate()));
        assertThat(d.withEventsPerSecond(7)).isEqualTo(new GeneratorConfig(d.seed(), 7, d.start(),
                d.driftAfter(), d.labelDelayMean(), d.labelLossFraction(), d.errorRate(), d.missingRate()));
        assertThat(d.withStart(start)).isEqualTo(new GeneratorConfig(d.seed(), d.eventsPerSecond(), start,
                d.driftAfter(), d.labelDelayMean(), d.labelLossFraction(), d.errorRate(), d.missingRate()));
        assertThat(d.withDriftAfter(Duration.ofHours(7))).isEqualTo(new GeneratorConfig(d.seed(), d.eventsPerSecond(),
                d.start(), Duration.ofHours(7), d.labelDelayMean(), d.labelLossFraction(), d.errorRate(), d.missingRate()));
        assertThat(d.withLabelDelayMean(Duration.ofHours(7))).isEqualTo(new GeneratorConfig(d.seed(), d.eventsPerSecond(),
                d.start(), d.driftAfter(), Duration.ofHours(7), d.labelLossFraction(), d.errorRate(), d.missingRate()));
        assertThat(d.withLabelLossFraction(0.7)).isEqualTo(new GeneratorConfig(d.seed(), d.eventsPerSecond(), d.start(),
                d.driftAfter(), d.labelDelayMean(), 0.7, d.errorRate(), d.missingRate()));
        assertThat(d.withErrorRate(0.7)).isEqualTo(new GeneratorConfig(d.seed(), d.eventsPerSecond(), d.start(),
                d.driftAfter(), d.labelDelayMean(), d.labelLossFraction(), 0.7, d.missingRate()));
        assertThat(d.withMissingRate(0.7)).isEqualTo(new GeneratorConfig(d.seed(), d.eventsPerSecond(), d.start(),
                d.driftAfter(), d.labelDelayMean(), d.labelLossFraction(), d.errorRate(), 0.7));
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("eventsPerSecond", (UnaryOperator<GeneratorConfig>) c -> c.withEventsPerSecond(0)),
                Arguments.of("eventsPerSecond", (UnaryOperator<GeneratorConfig>) c -> c.withEventsPerSecond(2_000_000_000L)),
                Arguments.of("driftAfter", (UnaryOperator<GeneratorConfig>) c -> c.withDriftAfter(Duration.ofSeconds(-1))),
                Arguments.of("labelDelayMean", (UnaryOperator<GeneratorConfig>) c -> c.withLabelDelayMean(Duration.ofMillis(-1))),
                Arguments.of("labelLossFraction", (UnaryOperator<GeneratorConfig>) c -> c.withLabelLossFraction(1.5)),
                Arguments.of("errorRate", (UnaryOperator<GeneratorConfig>) c -> c.withErrorRate(-0.1)),
                Arguments.of("missingRate", (UnaryOperator<GeneratorConfig>) c -> c.withMissingRate(Double.NaN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void anOutOfRangeSettingIsRejectedNamingIt(String setting, UnaryOperator<GeneratorConfig> change) {
        assertThatThrownBy(() -> change.apply(GeneratorConfig.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(setting);
    }

    @Test
    void aMissingStartIsRejected() {
        assertThatThrownBy(() -> GeneratorConfig.DEFAULTS.withStart(null)).hasMessageContaining("start");
    }
}
