package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.aggregate.ModelKey;
import org.apache.flink.api.java.functions.KeySelector;

/** The model version of a partial and of a note: the merge step's two inputs are keyed alike. */
public final class ModelKeySelectors {
    private ModelKeySelectors() {}

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
