package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.report.ReportEnvelope;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads {@code model-window-reports} records; a record that is not a valid report becomes a rejection, never an error. */
public class ReportEnvelopeDeserializer implements KafkaRecordDeserializationSchema<ReportEnvelope> {
    private static final byte[] NO_PAYLOAD = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ReportEnvelope> out) {
        byte[] payload = record.value() == null ? NO_PAYLOAD : record.value();
        out.collect(ReportEnvelope.read(record.topic(), record.partition(), record.offset(), payload));
    }

    @Override
    public TypeInformation<ReportEnvelope> getProducedType() {
        return TypeInformation.of(ReportEnvelope.class);
    }
}
