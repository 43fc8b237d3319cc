package io.modelwatch.monitoring.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.control.ControlDecoder;
import io.modelwatch.common.control.ControlRecord;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.json.Utf8Text;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ReferenceProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Decodes a record of the {@code model-profiles} topic: key {@code model/version} (split at its
 * last {@code /}), value the JSON of {@code modelwatch profile} for that model version, optionally
 * with a top-level {@code effective_from} (ISO-8601); an empty value removes the model version's
 * profile. Anything else is rejected with the reason, here, once, before the profiles are
 * broadcast to every parallel instance.
 */
public final class ProfileUpdateDecoder implements ControlDecoder<ProfileUpdate> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String EFFECTIVE_FROM = "effective_from";

    @Override
    public ProfileUpdate decode(ControlRecord record) {
        String text = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        try {
            return accepted(record, text);
        } catch (DatasetException e) {
            return ProfileUpdate.rejected(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    e.getMessage(), text);
        }
    }

    private static ProfileUpdate accepted(ControlRecord record, String text) throws DatasetException {
        String key = record.key();
        int slash = key == null ? -1 : key.lastIndexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new DatasetException("key: must be 'model/version', got "
                    + (key == null ? "none" : "'" + key + "'"));
        }
        String model = key.substring(0, slash);
        String version = key.substring(slash + 1);
        if (record.value() == null || record.value().length == 0) {
            return new ProfileUpdate(record.topic(), record.partition(), record.offset(), record.timestamp(), model,
                    version, record.timestamp() + 1, null, null, null);
        }
        if (Utf8Text.firstInvalid(record.value()) >= 0) {
            throw new DatasetException("value: not valid UTF-8");
        }
        Effective effective = effectiveFrom(text, record.timestamp());
        ReferenceProfile profile = ProfileCodec.fromJson(effective.profileJson(), "value");
        if (!model.equals(profile.model()) || !Objects.equals(version, profile.modelVersion())) {
            throw new DatasetException("value: the profile is of model '" + profile.model() + "' version "
                    + (profile.modelVersion() == null ? "(none)" : "'" + profile.modelVersion() + "'")
                    + ", the key says model '" + model + "' version '" + version
                    + "' (build it with modelwatch profile --model-version)");
        }
        return new ProfileUpdate(record.topic(), record.partition(), record.offset(), record.timestamp(), model,
                version, effective.from(), ProfileId.of(effective.profileJson()), effective.profileJson(), null);
    }

    /** The profile without {@code effective_from}, and the first window start it applies to. */
    private static Effective effectiveFrom(String text, long timestamp) throws DatasetException {
        if (!text.contains(EFFECTIVE_FROM)) {
            return new Effective(text, timestamp + 1);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Effective(text, timestamp + 1); // the profile codec says what is wrong with it
        }
        if (!(tree instanceof ObjectNode object) || !object.has(EFFECTIVE_FROM)) {
            return new Effective(text, timestamp + 1);
        }
        JsonNode from = object.remove(EFFECTIVE_FROM);
        try {
            return new Effective(object.toString(), Instant.parse(from.asText()).toEpochMilli());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new DatasetException(EFFECTIVE_FROM + ": must be an ISO-8601 time such as 2026-12-05T10:00:00Z, got "
                    + from);
        }
    }

    private record Effective(String profileJson, long from) {}
}
