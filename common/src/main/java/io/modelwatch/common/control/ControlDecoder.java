package io.modelwatch.common.control;

import io.modelwatch.common.decode.DecodedRecord;
import java.io.Serializable;

/** Turns a control record into a decoded record, or into the reason it is rejected; never throws on bad input. */
@FunctionalInterface
public interface ControlDecoder<T extends DecodedRecord> extends Serializable {

    T decode(ControlRecord record);
}
