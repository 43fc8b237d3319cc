package io.modelwatch.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "500ms, PT0.5S", "30s, PT30S", "15m, PT15M", "6h, PT6H", "2d, PT48H", "0s, PT0S",
        "PT6H, PT6H", "P1D, PT24H", "PT1H30M, PT1H30M", "' 5m ', PT5M", "36500d, PT876000H",
    })
    void shortAndIso8601FormsAreDurations(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"6", "6 h", "6H", "1w", "-5m", "1.5h", "''", "h", "99999999999999999999d", "PT9999999999999999999H"})
    void anythingElseIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration (expected e.g. 30s, 15m, 6h, 2d or PT6H)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"-PT1H", "PT-5M"})
    void negativeIsoDurationsAreRejected(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage("duration '" + text + "' is negative");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"36501d, 36501d", "100000000000000d, 100000000000000d", "PT2562047788015215H, PT2562047788015215H"})
    void durationsBeyondAHundredYearsAreRejectedBeforeAnyArithmeticOverflows(String text, String quoted) {
        assertThatThrownBy(() -> Durations.parse(text))
                .hasMessage("duration '" + quoted + "' is longer than the maximum 36500d");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"PT0.5S, 500ms", "PT30S, 30s", "PT2M, 2m", "PT3H, 3h", "PT48H, 2d", "PT0S, 0s", "PT1M30S, 90s"})
    void formatGivesTheShortestExactForm(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
    }
}
