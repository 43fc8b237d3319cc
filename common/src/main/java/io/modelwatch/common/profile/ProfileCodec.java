package io.modelwatch.common.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.dataset.JacksonMessages;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reference profiles as JSON files: snake_case keys, ISO-8601 instants, checked format and version. */
public final class ProfileCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final int SNIFF_CHARS = 4096;

    private ProfileCodec() {}

    public static void write(ReferenceProfile profile, Path path) throws IOException {
        MAPPER.writeValue(path.toFile(), profile);
    }

    public static String toJson(ReferenceProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a profile is always serializable", e);
        }
    }

    /** A checked profile's {@link ReferenceProfile#shape()} as compact JSON, for {@link #fromShapeJson}. */
    public static String toShapeJson(ReferenceProfile profile) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(profile.shape());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a profile is always serializable", e);
        }
    }

    /** The shape {@link #toShapeJson} wrote; unchecked, as it came from a checked profile. */
    public static ReferenceProfile fromShapeJson(String json) {
        try {
            return MAPPER.readValue(json, ReferenceProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a profile shape this build wrote does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether the file looks like a reference profile rather than a dataset. */
    public static boolean isProfile(Path path) throws IOException {
        char[] start = new char[SNIFF_CHARS];
        int read;
        // Lenient decoding: a file that is not UTF-8 is no profile, and the dataset reader names its bad line.
        try (Reader in = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8)) {
            read = in.read(start);
        }
        return read > 0 && new String(start, 0, read).contains("\"" + ReferenceProfile.FORMAT + "\"");
    }

    public static ReferenceProfile read(Path path) throws DatasetException {
        String file = path.toString();
        ReferenceProfile profile;
        try {
            profile = MAPPER.readValue(path.toFile(), ReferenceProfile.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DatasetException(file + ": no such file");
        } catch (JsonMappingException e) {
            throw notAProfile(file, e);
        } catch (JsonProcessingException e) {
            throw notJson(file, e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return checked(profile, file);
    }

    /** A profile from its JSON text, e.g. shipped to a job's task managers; {@code source} names it in errors. */
    public static ReferenceProfile fromJson(String json, String source) throws DatasetException {
        ReferenceProfile profile;
        try {
            profile = MAPPER.readValue(json, ReferenceProfile.class);
        } catch (JsonMappingException e) {
            throw notAProfile(source, e);
        } catch (JsonProcessingException e) {
            throw notJson(source, e);
        }
        return checked(profile, source);
    }

    private static DatasetException notAProfile(String source, JsonMappingException e) {
        String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return new DatasetException(source + where + ": not a valid reference profile ("
                + (field.isEmpty() ? "" : "field '" + field + "': ") + JacksonMessages.withoutSource(e.getOriginalMessage()) + ")");
    }

    private static DatasetException notJson(String source, JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
        return new DatasetException(source + where + ": not JSON (" + JacksonMessages.withoutSource(e.getOriginalMessage()) + ")");
    }

    private static ReferenceProfile checked(ReferenceProfile profile, String source) throws DatasetException {
        if (profile == null || !ReferenceProfile.FORMAT.equals(profile.format())) {
            throw new DatasetException(source + ": not a ModelWatch reference profile (no \"format\": \""
                    + ReferenceProfile.FORMAT + "\")");
        }
        if (profile.version() != ReferenceProfile.VERSION) {
            throw new DatasetException(source + ": profile format version " + profile.version()
                    + " is not supported (this build reads version " + ReferenceProfile.VERSION + ")");
        }
        ProfileValidator.validate(profile, source);
        return profile;
    }
}
