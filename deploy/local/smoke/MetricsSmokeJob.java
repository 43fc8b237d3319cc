import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A stand-in for the real jobs, used by deploy/local/verify.sh: it registers a few metrics
 * exactly as deploy/prometheus/METRICS.md names them (fixed, made-up values; job name
 * modelwatch-smoke), so the submit path, the reporter, Prometheus and the dashboard queries can
 * be checked end to end before the real jobs export anything. Not part of the build.
 */
public class MetricsSmokeJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, Long.MAX_VALUE).name("sequence")
                .map(new Metered()).uid("smoke-metrics").name("smoke-metrics")
                .sinkTo(new DiscardingSink<>()).name("discard");
        env.execute("modelwatch-smoke");
    }

    static final class Metered extends RichMapFunction<Long, Long> {
        private transient Counter predictions;
        private transient Counter errors;

        @Override
        public void open(OpenContext context) {
            MetricGroup modelwatch = getRuntimeContext().getMetricGroup().addGroup("modelwatch");
            MetricGroup model = modelwatch.addGroup("model", "smoke-model").addGroup("version", "v1");
            predictions = model.counter("predictions");
            errors = model.counter("errors");
            modelwatch.counter("dead_letters");
            model.gauge("latency_p99_ms", (Gauge<Double>) () -> 42.0);
            model.gauge("accuracy", (Gauge<Double>) () -> Double.NaN); // null in the report: NaN, never null
            model.addGroup("class", "1").gauge("prediction_share", (Gauge<Double>) () -> 0.3);
            MetricGroup feature = model.addGroup("feature", "income");
            feature.gauge("psi", (Gauge<Double>) () -> 0.05);
            feature.gauge("drift_score", (Gauge<Double>) () -> 0.02);
        }

        @Override
        public Long map(Long value) throws Exception {
            Thread.sleep(10); // about 100 events per second: keep the shared machine quiet
            predictions.inc();
            if (value % 100 == 0) {
                errors.inc();
            }
            return value;
        }
    }
}
