package io.modelwatch.retraining.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {
    private static final Instant END = Instant.parse("2026-11-28T03:05:00Z");

    @Test
    void sameDecisionGivesTheSameKey() {
        assertThat(IdempotencyKey.of("credit-default", "v3", "critical-drift", END))
                .isEqualTo(IdempotencyKey.of("credit-default", "v3", "critical-drift", END));
    }

    @Test
    void keyIsReadableAndNamesTheWindowEnd() {
        assertThat(IdempotencyKey.of("credit-default", "v3", "critical-drift", END))
                .startsWith("mw-credit-default-v3-critical-drift-20261128T030500Z-")
                .matches("[0-9A-Za-z_-]{1,80}");
    }

    @Test
    void anyPartChangesTheKey() {
        String key = IdempotencyKey.of("m", "v", "r", END);
        assertThat(IdempotencyKey.of("m", "v", "r", END.plusSeconds(60))).isNotEqualTo(key);
        assertThat(IdempotencyKey.of("m", "v2", "r", END)).isNotEqualTo(key);
        assertThat(IdempotencyKey.of("m", "v", "r2", END)).isNotEqualTo(key);
    }

    @Test
    void replacedCharactersDoNotMakeDistinctModelsCollide() {
        assertThat(IdempotencyKey.of("a.b", "v", "r", END)).isNotEqualTo(IdempotencyKey.of("a/b", "v", "r", END));
    }

    @Test
    void longNamesAreShortenedToStepFunctionsLimit() {
        String key = IdempotencyKey.of("m".repeat(200), "v", "r", END);
        assertThat(key).hasSizeLessThanOrEqualTo(80).matches("[0-9A-Za-z_-]+");
    }
}
