package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.AcceptedRecords;
import io.modelwatch.common.flink.ControlStreamWatermarks;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The reference profiles added while the job runs: read by one reader (the topic is small and
 * ordered), checked once — a bad record becomes one dead letter, not one per parallel instance —
 * and only then broadcast.
 *
 * @param deadLetters null when there is no profiles source
 */
public record ProfileUpdates(DataStream<ProfileUpdate> updates, DataStream<DeadLetter> deadLetters) {

    /** @param profiles null for none: then the updates are an empty stream */
    public static ProfileUpdates of(StreamExecutionEnvironment env, Source<ProfileUpdate, ?, ?> profiles) {
        if (profiles == null) {
            // Flink has no empty source: one number, turned into nothing.
            return new ProfileUpdates(env.fromSequence(0, 0).uid("no-profiles").name("no profile updates")
                    .flatMap(new Nothing()).name("nothing"), null);
        }
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

    private static final class Nothing implements FlatMapFunction<Long, ProfileUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Long number, Collector<ProfileUpdate> out) {
            // no profile updates
        }
    }

    /** {@code others} and the profiles' dead letters. */
    public DataStream<DeadLetter> withDeadLetters(DataStream<DeadLetter> others) {
        return deadLetters == null ? others : others.union(deadLetters);
    }
}
