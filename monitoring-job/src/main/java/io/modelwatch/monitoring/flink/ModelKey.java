package io.modelwatch.monitoring.flink;

import org.apache.flink.api.java.functions.KeySelector;

/** A model version: the key of the merge step, one report per window. */
public record ModelKey(String model, String modelVersion) {

    public static final class OfPartial implements KeySelector<PartialWindow, ModelKey> {
        private static final long serialVersionUID = 1L;

        @Override
        public ModelKey getKey(PartialWindow partial) {
            return new ModelKey(partial.model(), partial.modelVersion());
        }
    }

    public static final class OfNote implements KeySelector<ReportNote, ModelKey> {
        private static final long serialVersionUID = 1L;

        @Override
        public ModelKey getKey(ReportNote note) {
            return new ModelKey(note.model(), note.modelVersion());
        }
    }
}
