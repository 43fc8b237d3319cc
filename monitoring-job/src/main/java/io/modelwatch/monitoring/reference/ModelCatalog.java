package io.modelwatch.monitoring.reference;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference profiles the job knows, read once at start (on the client) and shipped with the
 * job as JSON text, parsed again where they are used. A profile for a model and version applies
 * to that version; one without a version to every version of the model that has no own profile.
 * A model without any profile still gets reports, without drift; that is logged once per model
 * version and parallel instance, not per window.
 */
public final class ModelCatalog implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, String> profileJson;
    private final AccumulatorLimits limits;
    /** Model → version → reference, for the model versions asked about (tracked ones: the job bounds them). */
    private transient Map<String, Map<String, ModelReference>> references;
    /** Model → version → whether a profile applies: the answers of {@link #hasProfile}, looked up without building a key. */
    private transient Map<String, Map<String, Boolean>> profiled;
    private transient int profiledEntries;

    private ModelCatalog(Map<String, String> profileJson, AccumulatorLimits limits) {
        this.profileJson = Map.copyOf(profileJson);
        this.limits = limits;
    }

    public static ModelCatalog empty(AccumulatorLimits limits) {
        return new ModelCatalog(Map.of(), limits);
    }

    /**
     * Profiles from a profile file, or from every {@code *.json} profile in a directory (other
     * files there are skipped). Two profiles for the same model and version are an error.
     */
    public static ModelCatalog load(Path path, AccumulatorLimits limits) throws DatasetException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(file -> file.getFileName().toString().endsWith(".json"))
                        .filter(ModelCatalog::isProfile)
                        .sorted()
                        .toList();
            } catch (IOException | UncheckedIOException e) {
                throw new DatasetException(path + ": cannot list the profile directory (" + e.getMessage() + ")");
            }
        } else {
            files = List.of(path);
        }
        Map<String, String> json = new HashMap<>();
        Map<String, Path> origin = new HashMap<>();
        for (Path file : files) {
            ReferenceProfile profile = ProfileCodec.read(file);
            String key = key(profile.model(), profile.modelVersion());
            Path earlier = origin.put(key, file);
            if (earlier != null) {
                throw new DatasetException(file + ": a second profile for model '" + profile.model() + "'"
                        + (profile.modelVersion() == null ? "" : " version '" + profile.modelVersion() + "'")
                        + " (the first is " + earlier + ")");
            }
            try {
                json.put(key, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return new ModelCatalog(json, limits);
    }

    /** Profiles built in this process, e.g. the demo's reference from its own traffic. */
    public static ModelCatalog of(List<ReferenceProfile> profiles, AccumulatorLimits limits) {
        Map<String, String> json = new HashMap<>();
        for (ReferenceProfile profile : profiles) {
            json.put(key(profile.model(), profile.modelVersion()), ProfileCodec.toJson(profile));
        }
        return new ModelCatalog(json, limits);
    }

    private static boolean isProfile(Path file) {
        try {
            return ProfileCodec.isProfile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public AccumulatorLimits limits() {
        return limits;
    }

    /** Number of profiles. */
    public int size() {
        return profileJson.size();
    }

    public boolean hasProfile(String model, String modelVersion) {
        if (profiled == null) {
            profiled = new HashMap<>();
        }
        Map<String, Boolean> versions = profiled.get(model);
        Boolean known = versions == null ? null : versions.get(modelVersion);
        if (known != null) {
            return known;
        }
        boolean has = profileJson.containsKey(key(model, modelVersion)) || profileJson.containsKey(key(model, null));
        // Every event asks, even of models that will be dead-lettered as untracked: remember a bounded number.
        if (profiledEntries < MAX_REMEMBERED) {
            profiledEntries++;
            profiled.computeIfAbsent(model, name -> new HashMap<>()).put(modelVersion, has);
        }
        return has;
    }

    /** What the reference says about a model version's features; without a profile, nothing. */
    public ModelReference reference(String model, String modelVersion) {
        if (references == null) {
            references = new HashMap<>();
        }
        Map<String, ModelReference> versions = references.computeIfAbsent(model, name -> new HashMap<>());
        ModelReference reference = versions.get(modelVersion);
        if (reference == null) {
            String json = json(model, modelVersion);
            reference = new ModelReference(json == null ? ModelReference.NONE : ProfileId.of(json),
                    parse(model, modelVersion, json), limits);
            versions.put(modelVersion, reference);
        }
        return reference;
    }

    private String json(String model, String modelVersion) {
        String json = profileJson.get(key(model, modelVersion));
        return json != null ? json : profileJson.get(key(model, null));
    }

    private static ReferenceProfile parse(String model, String modelVersion, String json) {
        if (json == null) {
            LOG.info("Model '{}' version '{}' has no reference profile: its reports have volume, latency and "
                    + "distributions, but no drift", model, modelVersion);
            return null;
        }
        try {
            return ProfileCodec.fromJson(json, "profile of model '" + model + "'");
        } catch (DatasetException e) {
            throw new IllegalStateException("a profile that parsed on the client no longer parses: " + e.getMessage(), e);
        }
    }

    private static String key(String model, String modelVersion) {
        return modelVersion == null ? model + "\u0000" : model + "\u0000" + modelVersion;
    }
}
