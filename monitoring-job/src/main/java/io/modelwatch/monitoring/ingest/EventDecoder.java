package io.modelwatch.monitoring.ingest;

import io.modelwatch.common.decode.RecordDecoder;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.json.InvalidEventException;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the bytes of one record into a prediction event, or into the reason it is rejected:
 * too large, not valid per docs/ARCHITECTURE.md section 2, too many features, a feature name, value,
 * prediction or actual longer than {@value #MAX_TEXT_CHARS} characters. Never throws on bad input.
 * What a reference profile rules out (text for a numerical feature) is decided where the windows
 * know the profile in force ({@code LocalWindows}), since profiles can change while the job runs.
 */
public final class EventDecoder implements RecordDecoder<IncomingEvent> {
    private static final long serialVersionUID = 1L;
    /**
     * Longest text the window accumulators count (a category, a class label, a feature's name):
     * they write texts in Java's modified UTF-8, which holds at most 65,535 bytes, up to three per
     * character; a longer one would fail every checkpoint and every partial sent on.
     */
    public static final int MAX_TEXT_CHARS = 10_000;
    private static final EventCodec CODEC = new EventCodec();

    private final int maxEventBytes;
    private final int maxFeaturesPerEvent;

    public EventDecoder(int maxEventBytes, int maxFeaturesPerEvent) {
        this.maxEventBytes = maxEventBytes;
        this.maxFeaturesPerEvent = maxFeaturesPerEvent;
    }

    @Override
    public IncomingEvent decode(String source, int partition, long offset, byte[] payload) {
        if (payload == null || payload.length == 0) {
            return IncomingEvent.rejected(source, partition, offset, "$: empty record", new byte[0]);
        }
        if (payload.length > maxEventBytes) {
            return IncomingEvent.rejected(source, partition, offset, "$: event of " + payload.length
                    + " bytes is over the limit of " + maxEventBytes + " bytes", payload);
        }
        PredictionEvent event;
        try {
            event = CODEC.parsePrediction(payload);
        } catch (InvalidEventException e) {
            return IncomingEvent.rejected(source, partition, offset, e.getMessage(), payload);
        }
        Optional<String> problem = problem(event);
        return problem.isPresent()
                ? IncomingEvent.rejected(source, partition, offset, problem.get(), payload)
                : IncomingEvent.accepted(source, partition, offset, event, payload);
    }

    private Optional<String> problem(PredictionEvent event) {
        if (event.features().size() > maxFeaturesPerEvent) {
            return Optional.of("features: " + event.features().size() + " features are over the limit of "
                    + maxFeaturesPerEvent + " per event");
        }
        Optional<String> tooLong = tooLong("prediction", event.prediction()).or(() -> tooLong("actual", event.actual()));
        if (tooLong.isPresent()) {
            return tooLong;
        }
        for (Map.Entry<String, FeatureValue> feature : event.features().entrySet()) {
            if (feature.getKey().length() > MAX_TEXT_CHARS) {
                return Optional.of("features: a feature name of " + feature.getKey().length()
                        + " characters is over the limit of " + MAX_TEXT_CHARS);
            }
            tooLong = tooLong("features." + feature.getKey(), feature.getValue().text());
            if (tooLong.isPresent()) {
                return tooLong;
            }
        }
        return Optional.empty();
    }

    /** Why {@code text} is too long to count, or empty. */
    static Optional<String> tooLong(String field, String text) {
        return text != null && text.length() > MAX_TEXT_CHARS
                ? Optional.of(field + ": a text of " + text.length() + " characters is over the limit of " + MAX_TEXT_CHARS)
                : Optional.empty();
    }
}
