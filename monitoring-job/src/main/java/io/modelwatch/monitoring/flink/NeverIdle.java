package io.modelwatch.monitoring.flink;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes records and watermarks on to the merge, but never an idle status, so that the merge's
 * watermark is the minimum over every subtask of the window step (partials) and of the
 * concept-drift detector (notes), always. Both are keyed steps: each subtask reads every upstream
 * channel, so it goes idle only when all of them are.
 *
 * <p>Flink leaves an idle input channel out of the minimum, and when it is active again it counts
 * only once its watermark has caught up. Every window-step subtask reads the same inputs (all of
 * them, hashed by shard), so one goes idle only when all of them are about to; yet each takes its
 * inputs' idle and active statuses at its own pace. When the only busy source split is marked idle
 * (no event for {@code idleness}, e.g. at start-up or on a loaded machine) and then resumes, a
 * subtask that is quick to resume could carry the merge's watermark past a window's end while
 * the merge still saw a slower subtask as idle, its partials of that window not yet sent: the
 * window's first report would hold only some shards. Without idle statuses from this step the
 * merge waits for each subtask's own watermark, which follows that subtask's partials. Idleness
 * still does its job where it is needed, in the window step, which must not wait for an empty
 * partition; when all sources are idle, every subtask has flushed its watermark before going idle,
 * so the merge gets as far as it would have.
 *
 * <p>The notes are the same case: a concept-drift status reaches the merge through the detector's
 * timers, later than the partials of its window; were the notes' input idle at that moment (at
 * start-up, after the only busy split was marked idle), the merge would report the window on the
 * partials' watermark alone, without its concept drift.
 */
public final class NeverIdle<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // Not passed on: see the class comment.
    }
}
