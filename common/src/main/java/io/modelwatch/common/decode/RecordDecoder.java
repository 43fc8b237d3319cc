package io.modelwatch.common.decode;

import java.io.Serializable;

/** Turns the bytes of one record into a decoded record, or into the reason it is rejected; never throws on bad input. */
public interface RecordDecoder<T extends DecodedRecord> extends Serializable {

    /**
     * @param source topic or file, for a dead letter
     * @param partition -1 for a file
     * @param offset the Kafka offset, or the line number (from 1) in a file
     */
    T decode(String source, int partition, long offset, byte[] payload);
}
