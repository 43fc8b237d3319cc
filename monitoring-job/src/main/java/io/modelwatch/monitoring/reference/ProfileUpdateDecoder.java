package io.modelwatch.monitoring.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * last {@code /}), value the JSON of {@code modelwatch profile} for that model version as it is (so
 * its id is the file's), optionally a header {@code effective_from} (ISO-8601); an empty value
 * removes the model version's profile. Anything else is rejected with the reason, here, once,
 * before the profiles are broadcast to every parallel instance.
 */
public final class ProfileUpdateDecoder implements ControlDecoder<ProfileUpdate> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String EFFECTIVE_FROM = "effective_from";

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
        long from = effectiveFrom(record);
        if (record.value() == null || record.value().length == 0) {
            return new ProfileUpdate(record.topic(), record.partition(), record.offset(), record.timestamp(), model,
                    version, from, null, null, null, null);
        }
        if (Utf8Text.firstInvalid(record.value()) >= 0) {
            throw new DatasetException("value: not valid UTF-8");
        }
        ReferenceProfile profile = ProfileCodec.fromJson(text, "value");
        if (!model.equals(profile.model()) || !Objects.equals(version, profile.modelVersion())) {
            throw new DatasetException("value: the profile is of model '" + profile.model() + "' version "
                    + (profile.modelVersion() == null ? "(none)" : "'" + profile.modelVersion() + "'")
                    + ", the key says model '" + model + "' version '" + version
                    + "' (build it with modelwatch profile --model-version)");
        }
        if (hasTopLevelEffectiveFrom(text)) {
            throw new DatasetException("value: effective_from belongs in a record header of that name, not in the"
                    + " profile (modelwatch profile --publish --effective-from writes it there)");
        }
        return new ProfileUpdate(record.topic(), record.partition(), record.offset(), record.timestamp(), model,
                version, from, ProfileId.of(text), text, ProfileCodec.toShapeJson(profile), null);
    }

    /** The first window start the record applies to: its header, or else the millisecond after its timestamp. */
    private static long effectiveFrom(ControlRecord record) throws DatasetException {
        String from = record.headers().get(EFFECTIVE_FROM);
        if (from == null) {
            return record.timestamp() + 1;
        }
        try {
            return Instant.parse(from.strip()).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new DatasetException("header " + EFFECTIVE_FROM
                    + ": must be an ISO-8601 time such as 2026-12-05T10:00:00Z, got '" + from + "'");
        }
    }

    private static boolean hasTopLevelEffectiveFrom(String text) {
        if (!text.contains(EFFECTIVE_FROM)) {
            return false;
        }
        try {
            return JSON.readTree(text).has(EFFECTIVE_FROM);
        } catch (JsonProcessingException e) {
            return false; // unreachable: the profile codec has parsed the same text
        }
    }
}
