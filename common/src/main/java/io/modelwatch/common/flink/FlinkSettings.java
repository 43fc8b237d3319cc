package io.modelwatch.common.flink;

import io.modelwatch.common.config.Checkpoints;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;

/** The Flink settings every run of either job uses: the job on a cluster, the command line and the tests alike. */
public final class FlinkSettings {
    private FlinkSettings() {}

    public static Configuration of(Checkpoints checkpoints) {
        Configuration flink = new Configuration();
        if (checkpoints.enabled()) {
            flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoints.interval());
        }
        flink.set(StateBackendOptions.STATE_BACKEND, checkpoints.stateBackend());
        if (checkpoints.directory() != null) {
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.directory());
        }
        // Every record type is a POJO or has its own serializer: a Kryo fallback would be a bug.
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        // No function keeps a reference to a record it was given, so records need not be copied between chained operators.
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        return flink;
    }
}
