package io.modelwatch.bench;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import java.nio.file.Path;

/** The generator's model as the job sees it: its reference profile under the job's default accumulator limits. */
final class GeneratorModel {
    static final AccumulatorLimits LIMITS = AccumulatorLimits.defaults();

    private GeneratorModel() {}

    static ModelReference reference(Path profile) throws DatasetException {
        return ModelCatalog.load(profile, LIMITS).reference(TrafficGenerator.MODEL, TrafficGenerator.MODEL_VERSION);
    }
}
