package io.modelwatch.monitoring.ingest;

import io.modelwatch.common.decode.RecordDecoder;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.json.InvalidEventException;
import java.util.Optional;

/**
 * Turns the bytes of one record into a label (docs/ARCHITECTURE.md section 2), or into the reason it is
 * rejected: too large, not valid, or an {@code actual} longer than {@value EventDecoder#MAX_TEXT_CHARS} characters.
 */
public final class LabelDecoder implements RecordDecoder<IncomingLabel> {
    private static final long serialVersionUID = 1L;
    private static final EventCodec CODEC = new EventCodec();

    private final int maxEventBytes;

    public LabelDecoder(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    @Override
    public IncomingLabel decode(String source, int partition, long offset, byte[] payload) {
        if (payload == null || payload.length == 0) {
            return IncomingLabel.rejected(source, partition, offset, "$: empty record", new byte[0]);
        }
        if (payload.length > maxEventBytes) {
            return IncomingLabel.rejected(source, partition, offset, "$: label of " + payload.length
                    + " bytes is over the limit of " + maxEventBytes + " bytes", payload);
        }
        LabelEvent label;
        try {
            label = CODEC.parseLabel(payload);
        } catch (InvalidEventException e) {
            return IncomingLabel.rejected(source, partition, offset, e.getMessage(), payload);
        }
        Optional<String> tooLong = EventDecoder.tooLong("actual", label.actual());
        return tooLong.isPresent()
                ? IncomingLabel.rejected(source, partition, offset, tooLong.get(), payload)
                : IncomingLabel.accepted(source, partition, offset, label, payload);
    }
}
