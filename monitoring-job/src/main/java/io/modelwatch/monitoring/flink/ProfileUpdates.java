package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.AcceptedRecords;
import io.modelwatch.common.flink.ControlStreamWatermarks;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The reference profiles added while the job runs: read by one reader (the topic is small and
 * ordered), checked once — a bad record becomes one dead letter, not one per parallel instance —
 * and only then broadcast.
 */
public record ProfileUpdates(DataStream<ProfileUpdate> updates, DataStream<DeadLetter> deadLetters) {

    public static ProfileUpdates of(StreamExecutionEnvironment env, Source<ProfileUpdate, ?, ?> profiles) {
        SingleOutputStreamOperator<ProfileUpdate> valid = env
                .fromSource(profiles, ControlStreamWatermarks.strategy(), "reference profiles")
                .setParallelism(1)
                .uid("profiles-source")
                .process(new AcceptedRecords<>())
                .setParallelism(1)
                .uid("valid-profiles")
                .name("valid profiles");
        return new ProfileUpdates(valid, valid.getSideOutput(AcceptedRecords.DEAD_LETTERS));
    }
}
