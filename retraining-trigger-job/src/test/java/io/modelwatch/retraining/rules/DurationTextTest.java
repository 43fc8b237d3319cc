package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "500ms, PT0.5S", "30s, PT30S", "15m, PT15M", "6h, PT6H", "2d, PT48H", "0s, PT0S",
        "PT6H, PT6H", "P1D, PT24H", "PT1H30M, PT1H30M",
    })
    void shortAndIso8601FormsAreDurations(String text, Duration expected) {
        assertThat(DurationText.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"6", "6 h", "6H", "1w", "-5m", "1.5h", "''", "h", "99999999999999999999d"})
    void anythingElseIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration (expected e.g. 30s, 15m, 6h, 2d or PT6H)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"-PT1H", "PT-5M"})
    void negativeIsoDurationsAreRejected(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).hasMessage("duration '" + text + "' is negative");
    }
}
