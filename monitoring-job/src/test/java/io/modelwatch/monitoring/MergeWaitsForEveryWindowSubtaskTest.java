package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.aggregate.ModelKey;
import io.modelwatch.monitoring.flink.ModelKeySelectors;
import io.modelwatch.monitoring.flink.PartialWindow;
import io.modelwatch.monitoring.flink.ReportNote;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.io.PushingAsyncDataInput.DataOutput;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.StatusWatermarkValve;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * The merge of the job's stream graph with its partials coming over two channels, one per
 * window-step subtask, through the operators the job puts between the window step and the merge,
 * and through Flink's own input valve ({@link StatusWatermarkValve}, as a task's network input
 * uses it). The valve leaves an idle channel out of the watermark; the window-step subtasks take
 * an idle-then-active source at their own pace, so the merge must never see one of them idle
 * while the other runs ahead.
 */
class MergeWaitsForEveryWindowSubtaskTest {
    private static final AccumulatorLimits LIMITS = AccumulatorLimits.defaults();
    private static final long WINDOW_END = 60_000;

    private static StreamGraph jobGraph() throws Exception {
        MonitoringConfig config = MonitoringConfig.load(null, Map.of("window", "1m", "shards", "3", "idleness", "1s",
                "source.type", "file", "source.path", "/nonexistent/events.jsonl", "sinks.kafka", "false"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        MonitoringJob.defineWorkflow(env, config, ModelCatalog.empty(LIMITS),
                Connectors.source(config),
                reports -> reports.sinkTo(new DiscardingSink<>()), deadLetters -> deadLetters.sinkTo(new DiscardingSink<>()));
        return env.getStreamGraph();
    }

    private static StreamNode node(StreamGraph graph, String uid) {
        return graph.getStreamNodes().stream().filter(node -> uid.equals(node.getTransformationUID())).findFirst()
                .orElseThrow();
    }

    /** The operators on the partials' way from the window step to the merge (not its side output of late data). */
    private static List<StreamOperatorFactory<?>> betweenWindowStepAndMerge(StreamGraph graph) {
        List<StreamOperatorFactory<?>> between = new ArrayList<>();
        StreamNode node = node(graph, "partial-windows");
        while (true) {
            List<StreamEdge> main = node.getOutEdges().stream().filter(edge -> edge.getOutputTag() == null).toList();
            assertThat(main).as("main outputs of " + node.getOperatorName()).hasSize(1);
            node = graph.getStreamNode(main.get(0).getTargetId());
            if ("merge-partials".equals(node.getTransformationUID())) {
                return between;
            }
            between.add(node.getOperatorFactory());
        }
    }

    /** One window-step subtask: what its window operator emits, as it leaves the subtask for the merge. */
    private static final class WindowSubtask {
        private final List<OneInputStreamOperatorTestHarness<Object, Object>> chain = new ArrayList<>();

        @SuppressWarnings("unchecked")
        WindowSubtask(List<StreamOperatorFactory<?>> between) throws Exception {
            for (StreamOperatorFactory<?> factory : between) {
                StreamOperatorFactory<Object> copy = InstantiationUtil.clone((StreamOperatorFactory<Object>) factory);
                var harness = new OneInputStreamOperatorTestHarness<Object, Object>(copy, 128, 2, 0);
                harness.open();
                chain.add(harness);
            }
        }

        List<Object> emit(Object... fromWindowOperator) throws Exception {
            List<Object> elements = List.of(fromWindowOperator);
            for (OneInputStreamOperatorTestHarness<Object, Object> harness : chain) {
                harness.getOutput().clear();
                for (Object element : elements) {
                    if (element instanceof StreamRecord<?> record) {
                        harness.processElement(new StreamRecord<>(record.getValue(), record.getTimestamp()));
                    } else if (element instanceof Watermark watermark) {
                        harness.processWatermark(watermark);
                    } else {
                        harness.processWatermarkStatus((WatermarkStatus) element);
                    }
                }
                elements = new ArrayList<>(harness.getOutput());
            }
            return elements;
        }
    }

    private static StreamRecord<PartialWindow> partial(int shard, int predictions) {
        WindowAccumulator accumulator = WindowAccumulator.empty(LIMITS);
        for (int i = 0; i < predictions; i++) {
            accumulator.add(new PredictionEvent(shard + "-" + i, "m", "v1", Instant.ofEpochMilli(1000),
                    Map.of("x", FeatureValue.ofNumber(i)), "1", null, null, 10.0, null), ModelReference.none(LIMITS));
        }
        return new StreamRecord<>(new PartialWindow("m", "v1", shard, 0, WINDOW_END, accumulator), WINDOW_END - 1);
    }

    /** The merge task's input of partials: two channels, one per window-step subtask, and the valve between them and the merge. */
    private static final class PartialsInput implements DataOutput<PartialWindow> {
        private final StatusWatermarkValve valve = new StatusWatermarkValve(2);
        private final KeyedTwoInputStreamOperatorTestHarness<ModelKey, PartialWindow, ReportNote, WindowReport> merge;

        PartialsInput(KeyedTwoInputStreamOperatorTestHarness<ModelKey, PartialWindow, ReportNote, WindowReport> merge) {
            this.merge = merge;
        }

        @SuppressWarnings("unchecked")
        void receive(int channel, List<Object> elements) throws Exception {
            for (Object element : elements) {
                if (element instanceof StreamRecord<?> record) {
                    emitRecord((StreamRecord<PartialWindow>) record);
                } else if (element instanceof Watermark watermark) {
                    valve.inputWatermark(watermark, channel, this);
                } else {
                    valve.inputWatermarkStatus((WatermarkStatus) element, channel, this);
                }
            }
        }

        @Override
        public void emitRecord(StreamRecord<PartialWindow> record) throws Exception {
            merge.processElement1(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) throws Exception {
            merge.processWatermark1(watermark);
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) throws Exception {
            merge.processWatermarkStatus1(status);
        }

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {}

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {}

        @Override
        public void emitWatermark(WatermarkEvent watermark) {}
    }

    private static List<Long> reportedPredictions(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, WindowReport> merge) {
        return merge.extractOutputValues().stream().map(report -> report.volume().predictions()).toList();
    }

    @Test
    void aWindowIsReportedOnceWithEveryShardWhenOneWindowSubtaskResumesFromIdleBeforeTheOther() throws Exception {
        StreamGraph graph = jobGraph();
        List<StreamOperatorFactory<?>> between = betweenWindowStepAndMerge(graph);
        WindowSubtask quick = new WindowSubtask(between);
        WindowSubtask slow = new WindowSubtask(between);
        @SuppressWarnings("unchecked")
        var mergeOperator = (TwoInputStreamOperator<PartialWindow, ReportNote, WindowReport>) ((SimpleOperatorFactory<?>)
                InstantiationUtil.clone(node(graph, "merge-partials").getOperatorFactory())).getOperator();
        try (var merge = new KeyedTwoInputStreamOperatorTestHarness<>(mergeOperator, new ModelKeySelectors.OfPartial(),
                new ModelKeySelectors.OfNote(), TypeInformation.of(ModelKey.class))) {
            merge.open();
            PartialsInput partials = new PartialsInput(merge);
            // No late events, no outcomes: the notes stay idle, as they may.
            merge.processWatermarkStatus2(WatermarkStatus.IDLE);
            // The only busy source split had no event for the idleness timeout (start-up, a loaded
            // machine); the other partition is empty: both window-step subtasks go idle.
            partials.receive(0, quick.emit(WatermarkStatus.IDLE));
            partials.receive(1, slow.emit(WatermarkStatus.IDLE));
            // The split resumes. One subtask is quick: its shard's window fires and its watermark
            // passes the window's end; the other has not yet taken the split's active status.
            partials.receive(0, quick.emit(WatermarkStatus.ACTIVE, partial(0, 2), new Watermark(WINDOW_END + 1_000)));

            assertThat(reportedPredictions(merge)).as("no report while a window-step subtask may still send partials")
                    .isEmpty();

            // The slow subtask catches up: its two shards fire, then its watermark follows.
            partials.receive(1, slow.emit(WatermarkStatus.ACTIVE, partial(1, 3), partial(2, 4),
                    new Watermark(WINDOW_END + 1_000)));

            assertThat(reportedPredictions(merge)).as("one report of the window, of every shard").containsExactly(9L);
        }
    }
}
