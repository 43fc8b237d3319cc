package io.modelwatch.common.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.execution.JobClient;

/**
 * A sink for jobs on a MiniCluster in this JVM that keeps no state, so it neither adds to a
 * savepoint nor needs anything from one (unlike {@code collectAsync}, whose sink is stateful and
 * has a generated uid), and that an unbounded job can be watched through while it runs.
 */
public final class QueueSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Object>> RECEIVED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public QueueSink() {
        RECEIVED.put(id, new ConcurrentLinkedQueue<>());
    }

    /** What the job wrote so far, in the order it came. */
    @SuppressWarnings("unchecked")
    public List<T> received() {
        return (List<T>) List.copyOf(RECEIVED.get(id));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = RECEIVED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /** Waits for {@code condition} while {@code job} runs; a job that ends first fails the wait with its cause. */
    public static void await(JobClient job, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new AssertionError("the job ended first (" + job.getJobStatus().get() + "); " + state.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
