package io.modelwatch.common.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes the records a source accepted on and sends each rejected one's dead letter to
 * {@link #DEAD_LETTERS}: the one splitter of valid records and dead letters in both jobs.
 * Dead letters are counted where they leave the job ({@link CountedDeadLetters}).
 */
public final class AcceptedRecords<T extends DecodedRecord> extends ProcessFunction<T, T> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("rejected-records", TypeInformation.of(DeadLetter.class));

    @Override
    public void processElement(T record, Context context, Collector<T> out) {
        if (record.isAccepted()) {
            out.collect(record);
        } else {
            context.output(DEAD_LETTERS, record.deadLetter());
        }
    }
}
