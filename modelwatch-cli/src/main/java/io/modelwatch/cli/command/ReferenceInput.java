package io.modelwatch.cli.command;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --reference} of the batch commands: a profile written by {@code modelwatch profile},
 * or reference data that is profiled on the spot with every value kept (so drift is exact).
 */
public final class ReferenceInput {
    private ReferenceInput() {}

    public static boolean isProfile(Path file) throws DatasetException {
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + ": is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": no such file");
        }
        try {
            return ProfileCodec.isProfile(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * @param categorical features to treat as categorical; only for reference data, a profile fixed its types
     * @param options binning of the profile built from reference data
     * @param predictionColumn the prediction's column, or null; where the data has it, it is not a feature
     * @param labelColumn the ground truth's column, or null; likewise
     */
    public static ReferenceProfile load(Path reference, String model, List<String> categorical, ProfileOptions options,
            String predictionColumn, String labelColumn, Clock clock) throws DatasetException {
        if (isProfile(reference)) {
            if (!categorical.isEmpty()) {
                throw new IllegalArgumentException("--categorical applies to reference data files; the profile "
                        + reference + " already fixes each feature's type (rebuild it with 'modelwatch profile --categorical ...')");
            }
            return ProfileCodec.read(reference);
        }
        Dataset data = requireRows(DatasetReader.read(reference, model), model);
        String prediction = predictionColumn != null && data.hasColumn(predictionColumn) ? predictionColumn : null;
        String label = labelColumn != null && data.hasColumn(labelColumn) ? labelColumn : null;
        if (prediction != null || label != null) {
            data = data.withOutcomeColumns(prediction, label);
        }
        Set<String> categoricalFeatures = CategoricalOption.validated(categorical, data);
        ProfileOptions exact = options.withCategorical(new LinkedHashSet<>(categoricalFeatures)).exact();
        return new ProfileBuilder(exact, clock).build(data, model == null ? fileStem(reference) : model, null);
    }

    /** The {@code --current} data: CSV or JSON lines with rows, not a profile (a profile has no rows to compare). */
    public static Dataset current(Path current, String model) throws DatasetException {
        if (isProfile(current)) {
            throw new DatasetException(current + ": is a reference profile; --current takes data (CSV or JSON lines)");
        }
        return requireRows(DatasetReader.read(current, model), model);
    }

    /** A file without rows (or without the model's events) is a mistake, not data to compare. */
    public static Dataset requireRows(Dataset data, String model) throws DatasetException {
        if (data.rows() == 0) {
            throw new DatasetException(data.source() + ": no rows" + (model == null ? "" : " for model '" + model + "'"));
        }
        return data;
    }

    /** What the reader left out, e.g. {@code " (skipped: 3 failed-request events)"}, or "" when nothing was. */
    public static String skipped(Dataset data) {
        List<String> parts = new java.util.ArrayList<>();
        if (data.skippedFailedEvents() > 0) {
            parts.add(data.skippedFailedEvents() + " failed-request event" + (data.skippedFailedEvents() == 1 ? "" : "s"));
        }
        if (data.skippedOtherModels() > 0) {
            parts.add(data.skippedOtherModels() + " event" + (data.skippedOtherModels() == 1 ? "" : "s") + " of other models");
        }
        return parts.isEmpty() ? "" : " (skipped: " + String.join(", ", parts) + ")";
    }

    static String fileStem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
