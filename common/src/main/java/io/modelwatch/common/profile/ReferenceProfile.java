package io.modelwatch.common.profile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model's training (reference) data looked like: everything drift is measured against
 * (docs/ARCHITECTURE.md section 4.4). Written by {@code modelwatch profile}, read by the monitoring job and
 * by {@code modelwatch drift}.
 *
 * @param format always {@value #FORMAT}, so a wrong file is recognised at once
 * @param version format version, {@value #VERSION}
 * @param modelVersion null when the profile applies to every version of the model
 * @param rows rows of the reference data
 * @param predictionDistribution predicted class → share, or null when the data had no predictions
 * @param performance the model's quality on the reference data, or null without labels
 */
public record ReferenceProfile(
        String format,
        int version,
        String model,
        String modelVersion,
        Instant createdAt,
        long rows,
        Map<String, FeatureProfile> features,
        Map<String, Double> predictionDistribution,
        ReferencePerformance performance) {

    public static final String FORMAT = "modelwatch-reference-profile";
    public static final int VERSION = 1;

    /**
     * The profile without its numerical features' values (samples, sketches), which only drift
     * tests read: what counting a window's values against the profile needs (bin edges, tracked
     * values, categories), a small fraction of its size. Not a valid profile file.
     */
    public ReferenceProfile shape() {
        Map<String, FeatureProfile> shapes = new LinkedHashMap<>();
        features.forEach((name, feature) -> shapes.put(name, feature.numerical() == null ? feature
                : new FeatureProfile(feature.type(), feature.count(), feature.missing(), feature.distinct(),
                        feature.numerical().withoutValues(), null)));
        return new ReferenceProfile(format, version, model, modelVersion, createdAt, rows, shapes,
                predictionDistribution, performance);
    }
}
