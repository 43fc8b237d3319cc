package io.modelwatch.monitoring.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A text the window accumulators would count — a category, a class label, a feature's name — of
 * more than 10,000 characters is a dead letter: written in Java's modified UTF-8 (at most 65,535
 * bytes) a longer one failed the partial's serialization and so the job, on every restart.
 */
class LongTextsTest {
    private static final EventDecoder EVENTS = new EventDecoder(1 << 20, 500);
    private static final LabelDecoder LABELS = new LabelDecoder(1 << 20);

    private static IncomingEvent event(String name, String value, String prediction) {
        String json = "{\"prediction_id\":\"p\",\"model\":\"m\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"features\":{\""
                + name + "\":\"" + value + "\"},\"prediction\":\"" + prediction + "\"}";
        return EVENTS.decode("events", 0, 7, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void categoriesLabelsAndFeatureNamesOfMoreThan10000CharactersAreRejectedWithTheirLength() {
        String limit = "x".repeat(10_000);
        String over = "x".repeat(70_000);
        IncomingEvent longest = event("segment", limit, limit);
        assertThat(longest.isAccepted()).isTrue();
        WindowAccumulator window = WindowAccumulator.empty(AccumulatorLimits.defaults());
        window.add(longest.event(), ModelReference.none(AccumulatorLimits.defaults()));
        assertThat(WindowAccumulator.fromBytes(window.toBytes()).predictions()).as("the longest text still serializes").isEqualTo(1);

        assertThat(event("segment", over, "1").error())
                .isEqualTo("features.segment: a text of 70000 characters is over the limit of 10000");
        assertThat(event("segment", "a", over).error())
                .isEqualTo("prediction: a text of 70000 characters is over the limit of 10000");
        // (Jackson refuses names over 50,000 characters itself)
        assertThat(event("x".repeat(20_000), "a", "1").error())
                .isEqualTo("features: a feature name of 20000 characters is over the limit of 10000");
        IncomingLabel label = LABELS.decode("labels", 0, 3, ("{\"prediction_id\":\"p\",\"actual\":\"" + over
                + "\",\"timestamp\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(label.isAccepted()).isFalse();
        assertThat(label.deadLetter().error()).isEqualTo("actual: a text of 70000 characters is over the limit of 10000");
    }
}
