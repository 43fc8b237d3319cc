package io.modelwatch.bench;

import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.drift.DriftSettings;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.flink.WindowReportSerializationSchema;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Binning;
import io.modelwatch.monitoring.MonitoringJob;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.flink.JsonLinesFile;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.reference.ProfileId;
import io.modelwatch.monitoring.reference.ProfileShapeUpdate;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.ReportAssembler;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.SerializedValue;

/**
 * Issue 11, many models: what 1,000 models × 20 numerical features cost the monitoring job, as
 * Markdown tables on stdout (progress on stderr).
 *
 * <ol>
 *   <li><b>profiles</b>: synthetic reference profiles through the {@code profile} command's code path
 *       ({@link ProfileBuilder} with {@link ProfileOptions#defaults()}, {@link ProfileCodec}), their JSON size;
 *   <li><b>graph</b>: the serialized size of the job graph that {@link MonitoringJob#defineWorkflow} makes with a
 *       catalog of 0, {@code --compare-models} and {@code --models} profiles (file source, as
 *       {@code monitor} and the job with a file source run it), per vertex, and the copies of the catalog in it;
 *   <li><b>state</b>: bytes of a {@link WindowAccumulator} per model window ({@code toBytes}, the form
 *       checkpoints and the network carry), and a run of the workflow in a mini cluster with RocksDB and
 *       incremental checkpoints over 1.5 windows of events of every model, with Flink's checkpoint statistics.
 * </ol>
 *
 * <pre>
 * ManyModels [--models 1000] [--compare-models 100] [--features 20] [--reference-values 10000] [--templates 20]
 *            [--events-per-window 200] [--state-models 100,1000] [--state-reference-values 1000] [--parallelism 2]
 *            [--checkpoint-interval-s 4]
 *            [--dir /tmp/modelwatch-bench/scale] [--parts profiles,graph,state,topic]
 * </pre>
 *
 * <p>Building a 10,000-value profile takes ~0.1 s here, so the {@code --models} profiles are
 * {@code --templates} profiles built from different seeds and repeated under the other model names
 * ({@code model-0000} …, all names of one length, so every repeat has its template's JSON size to the
 * byte). {@code --templates} equal to {@code --models} builds every one.
 */
public final class ManyModels {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
    private static final long WINDOW_MS = 60_000;
    private static final String MODEL_VERSION = "v1";
    private static final AccumulatorLimits LIMITS = AccumulatorLimits.defaults();
    /**
     * A profile that keeps its bins but only a KLL sketch of the smallest k (8) of its values: what the window
     * state depends on (the bins), about the least a profile of these features can weigh. The state run ships
     * these (of {@code --state-reference-values} values), as 1,000 of the defaults' profiles would not fit in
     * the job graph.
     */
    private static final ProfileOptions BINS_ONLY = new ProfileOptions(Binning.QUANTILE, BinEdges.DEFAULT_BINS, 0, 8,
            ProfileOptions.DEFAULT_MAX_CATEGORIES, Set.of());

    private final Options options;
    private final List<Template> templates = new ArrayList<>();
    private final List<ReferenceProfile> stateTemplates = new ArrayList<>();

    private ManyModels(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.dir);
        ManyModels bench = new ManyModels(options);
        System.out.printf("Parameters: %,d models (and %,d for comparison) × %d numerical features, %,d reference values "
                        + "per feature, %,d events per model and one-minute window, parallelism %d; JVM max heap %,d MB%n%n",
                options.models, options.compareModels, options.features, options.referenceValues,
                options.eventsPerWindow, options.parallelism, Runtime.getRuntime().maxMemory() >> 20);
        bench.buildTemplates();
        if (options.parts.contains("profiles")) {
            bench.profiles();
        }
        if (options.parts.contains("graph")) {
            bench.graph();
        }
        if (options.parts.contains("state")) {
            bench.state();
        }
        if (options.parts.contains("topic")) {
            bench.topic();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 2b. Profiles through the model-profiles topic

    /**
     * The same profiles sent through the topic instead of the job graph: the graph of a Kafka job with
     * an empty catalog (no broker is needed to build it), and the state the profiles take. Every
     * parallel instance of the pre-aggregation ("local-windows") keeps and checkpoints the shapes of
     * all of them (broadcast state: key and ProfileShapeUpdate, Flink's serializer); the merge keeps
     * each model version's whole profile (a ProfileUpdate), so all of them once over its instances;
     * the admitting step a flag per model version.
     */
    private void topic() throws Exception {
        System.out.println("## 2b. Profiles through the `model-profiles` topic");
        System.out.println();
        Path graphDir = options.dir.resolve("graph");
        MonitoringConfig config = MonitoringConfig.load(null, Map.of(
                "source.type", "kafka", "kafka.bootstrap-servers", "localhost:9092", "window", "1m",
                "sinks.kafka", "true", "checkpoints.interval", "30s", "checkpoints.state-backend", "rocksdb",
                "sinks.reports-directory", graphDir.resolve("reports").toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism,
                FlinkSettings.of(config.checkpoints()));
        MonitoringJob.defineWorkflow(env, config, ModelCatalog.empty(LIMITS), Connectors.source(config), null,
                Connectors.profilesSource(config), Connectors.reportSink(config), Connectors.deadLetterSink(config));
        long graphBytes = serializedSize(env.getStreamGraph().getJobGraph());
        System.out.printf("JobGraph of the Kafka job with the profiles topic and no `--reference`: %s, whatever the "
                + "number of profiles (they are records of the topic, not part of the job).%n%n",
                bytesAndMegabytes(graphBytes, false));
        TypeSerializer<ProfileUpdate> serializer = TypeInformation.of(ProfileUpdate.class)
                .createSerializer(new SerializerConfigImpl());
        TypeSerializer<ProfileShapeUpdate> shapeSerializer = TypeInformation.of(ProfileShapeUpdate.class)
                .createSerializer(new SerializerConfigImpl());
        System.out.println("| profiles | profile | profile JSON, all | broadcast state per local-windows instance | "
                + "× parallelism in a checkpoint | merge state, all instances |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        for (boolean full : new boolean[] {true, false}) {
            for (int models : modelCounts()) {
                long json = jsonTotal(models, full); // one profile's JSON at a time: any number fits the heap
                long broadcast = 0;
                long merge = 0;
                for (ReferenceProfile profile : profiles(models, full)) {
                    String text = ProfileCodec.toJson(profile);
                    ProfileUpdate update = new ProfileUpdate("model-profiles", 0, merge, 0, profile.model(), MODEL_VERSION,
                            1, ProfileId.of(text), text, ProfileCodec.toShapeJson(profile), null);
                    DataOutputSerializer out = new DataOutputSerializer(text.length() + 256);
                    serializer.serialize(update, out);
                    merge += out.length();
                    out.clear();
                    shapeSerializer.serialize(ProfileShapeUpdate.of(update), out);
                    broadcast += out.length() + (profile.model() + "/" + MODEL_VERSION + "@1").length() + 2;
                }
                System.out.printf("| %,d | %s | %s | %s | %s | %s |%n", models, full ? "defaults" : "bins only",
                        bytesAndMegabytes(json, false), bytesAndMegabytes(broadcast, false),
                        bytesAndMegabytes(broadcast * options.parallelism, false), bytesAndMegabytes(merge, false));
            }
        }
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Profiles

    /** A profile built from one seed's reference data, with defaults and bins only, and its JSON size. */
    private record Template(ReferenceProfile full, ReferenceProfile binsOnly, long fullBytes, long binsOnlyBytes,
            long buildMs) {}

    private void buildTemplates() {
        int count = Math.min(options.templates, options.models);
        for (int t = 0; t < count; t++) {
            long start = System.nanoTime();
            Dataset data = Synthetic.reference(options.features, options.referenceValues, 1_000 + t);
            ReferenceProfile full = new ProfileBuilder(ProfileOptions.defaults(), CLOCK).build(data, name(t), null);
            long buildMs = (System.nanoTime() - start) / 1_000_000;
            ReferenceProfile binsOnly = new ProfileBuilder(BINS_ONLY, CLOCK).build(data, name(t), null);
            templates.add(new Template(full, binsOnly, jsonBytes(full), jsonBytes(binsOnly), buildMs));
        }
        progress("built %d template profiles", count);
    }

    private void profiles() {
        System.out.println("## 1. Reference profiles");
        System.out.println();
        System.out.printf("One profile of %d numerical features, by reference values per feature (`ProfileBuilder`, "
                + "`ProfileOptions.defaults()`: exact up to %,d values, else a KLL sketch with k = %,d; "
                + "10 quantile bins), JSON as `ProfileCodec` writes it:%n%n", options.features,
                ProfileOptions.DEFAULT_EXACT_LIMIT, ProfileOptions.DEFAULT_SKETCH_K);
        System.out.printf("| reference values per feature | values kept as | JSON bytes | × %,d models | build ms |%n",
                options.models);
        System.out.println("|---:|---|---:|---:|---:|");
        Set<Integer> sizes = new LinkedHashSet<>(List.of(1_000, ProfileOptions.DEFAULT_EXACT_LIMIT,
                ProfileOptions.DEFAULT_EXACT_LIMIT + 1, 100_000));
        sizes.add(options.referenceValues);
        for (int values : sizes.stream().sorted().toList()) {
            long start = System.nanoTime();
            ReferenceProfile profile = new ProfileBuilder(ProfileOptions.defaults(), CLOCK)
                    .build(Synthetic.reference(options.features, values, 7), name(0), null);
            long ms = (System.nanoTime() - start) / 1_000_000;
            long bytes = jsonBytes(profile);
            boolean exact = profile.features().values().iterator().next().numerical().sample() != null;
            System.out.printf("| %,d | %s | %,d | %s | %,d |%n", values,
                    exact ? "all values (sample)" : "KLL sketch (k = " + ProfileOptions.DEFAULT_SKETCH_K + ")",
                    bytes, megabytes(bytes * options.models), ms);
        }
        System.out.println();
        System.out.printf("The benchmark's profiles: %,d reference values per feature; %d distinct profiles built "
                + "(seeds 1000…), repeated under the other model names with the same JSON size. "
                + "\"Bins only\": the same data with `exact-limit` 0 and KLL k = 8 (not a `profile` option: "
                + "about the lightest a profile of these features gets; the mini-cluster run below uses such profiles).%n%n",
                options.referenceValues, templates.size());
        System.out.println("| models | profile | JSON bytes each: min | median | max | total | build ms per profile (median) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        long[] buildMs = templates.stream().mapToLong(Template::buildMs).sorted().toArray();
        for (int models : modelCounts()) {
            for (boolean full : new boolean[] {true, false}) {
                long[] each = new long[models];
                for (int i = 0; i < models; i++) {
                    Template template = templates.get(i % templates.size());
                    each[i] = full ? template.fullBytes : template.binsOnlyBytes;
                }
                long[] sorted = each.clone();
                Arrays.sort(sorted);
                System.out.printf("| %,d | %s | %,d | %,d | %,d | %s | %s |%n", models, full ? "defaults" : "bins only",
                        sorted[0], sorted[models / 2], sorted[models - 1], megabytes(Arrays.stream(each).sum()),
                        full ? String.format("%,d", buildMs[buildMs.length / 2]) : "–");
            }
        }
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Job graph

    /** Serialized sizes of one job graph. */
    private record GraphSize(int profiles, String shape, long catalogBytes, long jobGraphBytes,
            Map<String, long[]> vertices, long ms, boolean projected) {
        long largestVertex() {
            return vertices.values().stream().mapToLong(sizes -> sizes[0]).max().orElse(0);
        }
    }

    private void graph() throws Exception {
        System.out.println("## 2. Job graph");
        System.out.println();
        System.out.printf("`MonitoringJob.defineWorkflow` with a file source (its decoder holds the catalog, as the "
                + "Kafka source's does), parallelism %d, report and dead-letter file sinks, RocksDB; "
                + "`env.getStreamGraph().getJobGraph()` serialized with `ObjectOutputStream` (what the REST client "
                + "uploads on `flink run`), and on their own each vertex's configuration (its operators: the task "
                + "information every subtask of the vertex deserializes into its own objects; above "
                + "`blob.offload.minsize`, 1 MiB, it reaches the task managers through the blob server) and operator "
                + "coordinators (the source's, run by the job manager). "
                + "Catalog: `ModelCatalog.of(profiles, limits)`, one copy serialized. Measured while the catalog is "
                + "under 1/16 of the heap, else projected linearly from the largest measured graph of the same "
                + "profile (marked *projected*).%n%n", options.parallelism);
        GraphSize empty = measureGraph(List.of(), 0, "–");
        List<GraphSize> rows = new ArrayList<>(List.of(empty));
        for (boolean full : new boolean[] {true, false}) {
            String shape = full ? "defaults" : "bins only";
            GraphSize largestMeasured = empty;
            for (int models : modelCounts()) {
                long estimate = 0;
                for (int i = 0; i < models; i++) {
                    Template template = templates.get(i % templates.size());
                    estimate += full ? template.fullBytes : template.binsOnlyBytes;
                }
                if (estimate <= Runtime.getRuntime().maxMemory() / 16) {
                    largestMeasured = measureGraph(profiles(models, full), models, shape);
                    rows.add(largestMeasured);
                } else if (largestMeasured != empty) {
                    rows.add(project(empty, largestMeasured, models, full));
                } else {
                    progress("%d %s profiles: too large to measure or project", models, shape);
                }
            }
        }
        System.out.println("| profiles | profile | catalog bytes (one copy) | JobGraph bytes | largest vertex configuration | "
                + "catalog copies in the JobGraph | build + serialize ms |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (GraphSize row : rows) {
            String copies = row == empty ? "–" : String.format("%.2f",
                    (double) (row.jobGraphBytes - empty.jobGraphBytes) / (row.catalogBytes - empty.catalogBytes));
            System.out.printf("| %,d | %s | %s | %s | %s | %s | %s |%n", row.profiles, row.shape,
                    bytesAndMegabytes(row.catalogBytes, row.projected), bytesAndMegabytes(row.jobGraphBytes, row.projected),
                    bytesAndMegabytes(row.largestVertex(), row.projected), copies,
                    row.projected ? "–" : String.format("%,d", row.ms));
        }
        System.out.println();
        for (GraphSize row : rows) {
            long chained = 2 * (row.catalogBytes - empty.catalogBytes);
            if (row.projected && chained > Integer.MAX_VALUE) {
                System.out.printf("With %,d %s profiles the graph cannot be built at all: AdmitModels and LocalWindows, "
                        + "chained behind the source, are serialized into one byte array of the source vertex's "
                        + "configuration (`chainedTaskConfig_`) holding both copies, ≈ %s, past the 2 GiB limit of a "
                        + "Java array.%n%n", row.profiles, row.shape, megabytes(chained));
            }
        }
        GraphSize widest = rows.stream().filter(row -> !row.projected && row != empty)
                .max(Comparator.comparingLong(GraphSize::catalogBytes)).orElse(null);
        if (widest != null) {
            System.out.printf("Per vertex, 0 against %,d %s profiles (copies = growth / growth of one catalog copy, "
                    + "%,d bytes):%n%n", widest.profiles, widest.shape, widest.catalogBytes - empty.catalogBytes);
            System.out.println("| vertex | parallelism | configuration bytes, 0 → N | copies | coordinator bytes, 0 → N | copies |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            double growth = widest.catalogBytes - empty.catalogBytes;
            widest.vertices.forEach((name, sizes) -> {
                long[] none = empty.vertices.get(name);
                System.out.printf("| %s | %d | %,d → %,d | %.2f | %,d → %,d | %.2f |%n", name, sizes[2], none[0],
                        sizes[0], (sizes[0] - none[0]) / growth, none[1], sizes[1], (sizes[1] - none[1]) / growth);
            });
            System.out.println();
            System.out.println("Holders of the catalog: the file source's `EventDecoder` (in the source operator, and again "
                    + "in the source's operator coordinator, which the job manager runs), `AdmitModels` and `LocalWindows` "
                    + "(chained with the source: one `chainedTaskConfig_` byte array holds both), `PartialAggregate` "
                    + "(partial windows) and `MergePartials`. With the generator source (the mini-cluster run below) "
                    + "the two source copies are absent.");
            System.out.println();
        }
    }

    private GraphSize measureGraph(List<ReferenceProfile> profiles, int count, String shape) throws Exception {
        long start = System.nanoTime();
        ModelCatalog catalog = ModelCatalog.of(profiles, LIMITS);
        long catalogBytes = serializedSize(catalog);
        Path graphDir = options.dir.resolve("graph");
        MonitoringConfig config = MonitoringConfig.load(null, Map.of(
                "source.type", "file",
                "source.path", graphDir.resolve("predictions.jsonl").toString(),
                "window", "1m",
                "sinks.kafka", "false",
                "sinks.reports-directory", graphDir.resolve("reports").toString(),
                "sinks.dead-letters-directory", graphDir.resolve("dead-letters").toString(),
                "checkpoints.interval", "30s",
                "checkpoints.state-backend", "rocksdb"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism,
                FlinkSettings.of(config.checkpoints()));
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config),
                Connectors.reportSink(config), Connectors.deadLetterSink(config));
        JobGraph jobGraph = env.getStreamGraph().getJobGraph();
        catalog = null; // the graph holds its serialized copies; let the heap have the object's
        long jobGraphBytes = serializedSize(jobGraph);
        Map<String, long[]> vertices = new LinkedHashMap<>();
        for (JobVertex vertex : jobGraph.getVerticesSortedTopologicallyFromSources()) {
            long coordinators = 0;
            for (SerializedValue<?> coordinator : vertex.getOperatorCoordinators()) {
                coordinators += coordinator.getByteArray().length;
            }
            vertices.put(shortName(vertex.getName()),
                    new long[] {serializedSize(vertex.getConfiguration()), coordinators, vertex.getParallelism()});
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        progress("job graph with %d %s profiles: %,d bytes in %,d ms", count, shape, jobGraphBytes, ms);
        return new GraphSize(count, shape, catalogBytes, jobGraphBytes, vertices, ms, false);
    }

    /** Every size grows linearly with the profiles' JSON: the measured growth, scaled. */
    private GraphSize project(GraphSize empty, GraphSize measured, int models, boolean full) {
        double scale = (double) jsonTotal(models, full) / jsonTotal(measured.profiles, full);
        Map<String, long[]> vertices = new LinkedHashMap<>();
        measured.vertices.forEach((name, sizes) -> {
            long[] none = empty.vertices.get(name);
            vertices.put(name, new long[] {none[0] + Math.round((sizes[0] - none[0]) * scale),
                    none[1] + Math.round((sizes[1] - none[1]) * scale), sizes[2]});
        });
        return new GraphSize(models, measured.shape,
                empty.catalogBytes + Math.round((measured.catalogBytes - empty.catalogBytes) * scale),
                empty.jobGraphBytes + Math.round((measured.jobGraphBytes - empty.jobGraphBytes) * scale),
                vertices, 0, true);
    }

    private long jsonTotal(int models, boolean full) {
        long total = 0;
        for (int i = 0; i < models; i++) {
            Template template = templates.get(i % templates.size());
            total += full ? template.fullBytes : template.binsOnlyBytes;
        }
        return total;
    }

    /** The vertex's first operator and how many it chains. */
    private static String shortName(String name) {
        String[] operators = name.replace("Source: ", "").replaceAll("[()|\\[\\]]", "").split(" -> |, ");
        return operators.length == 1 ? operators[0]
                : operators[0].trim() + " → … (" + operators.length + " operators)";
    }

    // ---------------------------------------------------------------------------------------------
    // 3. State and checkpoints

    private void state() throws Exception {
        System.out.println("## 3. Window state and checkpoints");
        System.out.println();
        accumulators();
        reportCost();
        for (int models : options.stateModels) {
            checkpoints(models);
        }
    }

    private void accumulators() {
        ModelReference reference = ModelCatalog.of(List.of(templates.get(0).full), LIMITS)
                .reference(name(0), MODEL_VERSION);
        System.out.printf("`WindowAccumulator.toBytes()` of one model version and window (%d numerical features with "
                + "the profile's bins, predicted classes, latency, estimated accuracy; job defaults: %,d exact values "
                + "per feature, then KLL k = %d). This is the form of the state in checkpoints (`WindowAccumulatorSerializer`) "
                + "and of a partial on the network.%n%n", options.features, LIMITS.exactValues(), LIMITS.sketchK());
        System.out.printf("| events of the model in the window | bytes | bytes per event | × %,d models |%n", options.models);
        System.out.println("|---:|---:|---:|---:|");
        Set<Integer> counts = new LinkedHashSet<>(List.of(options.eventsPerWindow / options.parallelism,
                options.eventsPerWindow, LIMITS.exactValues(), LIMITS.exactValues() + 1, 10_000, 100_000));
        int model = 0;
        long perInstance = 0;
        for (int events : counts.stream().sorted().toList()) {
            WindowAccumulator accumulator = WindowAccumulator.empty(LIMITS);
            for (int i = 0; i < events; i++) {
                accumulator.add(Synthetic.event(options.features, (long) i * options.models + model, name(model),
                        START.toEpochMilli()), reference);
            }
            int bytes = accumulator.toBytes().length;
            if (events == options.eventsPerWindow / options.parallelism) {
                perInstance = bytes;
            }
            System.out.printf("| %,d | %,d | %.1f | %s |%n", events, bytes, (double) bytes / events,
                    megabytes((long) bytes * options.models));
        }
        System.out.println();
        System.out.printf("`LocalWindows` keeps one accumulator per model version, window and parallel instance: with %,d "
                        + "events per model and window spread over %d instances, a whole window of %,d models is "
                        + "%d × %,d × %,d bytes = %s of its operator state, until the window closes.%n%n",
                options.eventsPerWindow, options.parallelism, options.models, options.parallelism, options.models,
                perInstance, megabytes(options.parallelism * options.models * perInstance));
    }

    private void checkpoints(int models) throws Exception {
        long perWindow = (long) models * options.eventsPerWindow;
        long events = perWindow * 3 / 2;
        int chunk = (int) (perWindow / 4);
        Path runDir = Files.createTempDirectory(options.dir, "state-" + models + "-");
        Path reports = runDir.resolve("reports.jsonl");
        MonitoringConfig config = MonitoringConfig.load(null, Map.of(
                "source.type", "generator", // the source then runs with parallelism 1, the rest with the job's
                "window", "1m",
                "watermarks", "per-event",
                "sinks.kafka", "false",
                "checkpoints.interval", options.checkpointIntervalSeconds + "s",
                "checkpoints.state-backend", "rocksdb",
                "checkpoints.directory", runDir.resolve("checkpoints").toUri().toString()));
        Configuration flink = FlinkSettings.of(config.checkpoints());
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // A checkpoint queued behind a slow one starts only after this pause, so the source has sent its release.
        flink.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofSeconds(options.checkpointIntervalSeconds - 1));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure ends the run rather than muddling it
        flink.set(RestOptions.BIND_PORT, "0");
        List<ReferenceProfile> profiles = stateProfiles(models);
        long profileBytes = profiles.stream().limit(templates.size()).mapToLong(ManyModels::jsonBytes).sum()
                / Math.min(templates.size(), models);
        ModelCatalog catalog = ModelCatalog.of(profiles, LIMITS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism, flink);
        CountingSource source = new CountingSource(new DataGeneratorSource<>(
                new ManyModelEvents(options.features, nameList(models), options.eventsPerWindow, START.toEpochMilli()),
                events, RateLimiterStrategy.perCheckpoint(chunk), TypeInformation.of(IncomingEvent.class)));
        CountingSource.GENERATED.set(0);
        CountingSource.AT_CHECKPOINT.clear();
        MonitoringJob.defineWorkflow(env, config, catalog, source,
                out -> out.sinkTo(new JsonLinesFile<>(reports, new WindowReportSerializationSchema())).setParallelism(1),
                deadLetters -> deadLetters.sinkTo(new DiscardingSink<>()));
        JobGraph jobGraph = env.getStreamGraph().getJobGraph();
        long jobGraphBytes = serializedSize(jobGraph);
        Map<JobVertexID, String> names = new HashMap<>();
        for (JobVertex vertex : jobGraph.getVertices()) {
            names.put(vertex.getID(), vertex.getName());
        }
        MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder()
                .setConfiguration(flink)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(options.parallelism)
                .build();
        // Completed checkpoints, read from the running job's statistics (its history keeps only the latest ten).
        Map<Long, AbstractCheckpointStats> completed = new TreeMap<>();
        long failed;
        String failure;
        long seconds;
        progress("mini cluster: %,d models, %,d events, %,d per checkpoint", models, events, chunk);
        try (MiniCluster miniCluster = new MiniCluster(cluster)) {
            miniCluster.start();
            long start = System.nanoTime();
            JobID job = miniCluster.submitJob(jobGraph).get().getJobID();
            CompletableFuture<JobResult> result = miniCluster.requestJobResult(job);
            while (!result.isDone()) {
                collect(miniCluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot(), completed);
                Thread.sleep(250);
            }
            seconds = (System.nanoTime() - start) / 1_000_000_000;
            if (!result.get().isSuccess()) {
                throw new IllegalStateException("the job failed", result.get().getSerializedThrowable()
                        .map(t -> (Throwable) t).orElse(null));
            }
            CheckpointStatsSnapshot last = miniCluster.getArchivedExecutionGraph(job).get().getCheckpointStatsSnapshot();
            collect(last, completed);
            failed = last.getCounts().getNumberOfFailedCheckpoints();
            FailedCheckpointStats latestFailure = last.getHistory().getLatestFailedCheckpoint();
            failure = latestFailure == null ? "" : String.format(" (the latest, %d: %s)",
                    latestFailure.getCheckpointId(), latestFailure.getFailureMessage());
        }
        long reportLines;
        try (Stream<String> lines = Files.lines(reports)) {
            reportLines = lines.count();
        }

        System.out.printf("Mini cluster, %,d models × %d features: RocksDB, incremental checkpoints every %d s "
                        + "(`execution.checkpointing.incremental: true`, minimum pause %d s), parallelism %d (the "
                        + "generator source 1), no restarts. %,d events = 1.5 one-minute windows of %,d per model "
                        + "(event times spread evenly, every model in each round), released up to %,d per checkpoint "
                        + "(`RateLimiterStrategy.perCheckpoint`); the events before each barrier are counted at the "
                        + "source (its snapshot). "
                        + "Catalog: %,d bins-only profiles of %,d reference values each (%,d JSON bytes each; the window "
                        + "state depends on a profile only through its bins, and fewer reference values keep the exact "
                        + "KS p-values of the reports cheap, see the next table). Job graph %s; %,d reports written "
                        + "(%,d expected); %d s from submission to the end; %d failed checkpoints%s. Statistics of the "
                        + "running job (`MiniCluster.getExecutionGraph(job)…getCheckpointStatsSnapshot()`, what the REST "
                        + "API's /jobs/:id/checkpoints shows): full = state size, incremental = checkpointed size "
                        + "(what this checkpoint uploaded); sync + async and start delay (barrier waiting behind "
                        + "records) are the largest over the subtasks.%n%n",
                models, options.features, options.checkpointIntervalSeconds, options.checkpointIntervalSeconds - 1,
                options.parallelism, events, options.eventsPerWindow, chunk, models, options.stateReferenceValues,
                profileBytes, bytesAndMegabytes(jobGraphBytes, false), reportLines, 2L * models, seconds, failed, failure);
        System.out.println("| checkpoint | events before the barrier (windows) | full state | incremental | local windows (operator list "
                + "state) | partial windows (RocksDB) | merge partials (RocksDB) | other operators | end-to-end ms "
                + "| sync + async ms | start delay ms |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (AbstractCheckpointStats checkpoint : completed.values()) {
            long local = 0;
            long window = 0;
            long merge = 0;
            long other = 0;
            long slowest = 0;
            long delay = 0;
            for (TaskStateStats task : checkpoint.getAllTaskStateStats()) {
                String name = names.getOrDefault(task.getJobVertexId(), "");
                long size = task.getStateSize();
                if (name.contains("local windows")) {
                    local += size;
                } else if (name.contains("partial window aggregates")) {
                    window += size;
                } else if (name.contains("merge shards")) {
                    merge += size;
                } else {
                    other += size;
                }
                for (SubtaskStateStats subtask : task.getSubtaskStats()) {
                    if (subtask != null) {
                        slowest = Math.max(slowest, subtask.getSyncCheckpointDuration() + subtask.getAsyncCheckpointDuration());
                        delay = Math.max(delay, subtask.getCheckpointStartDelay());
                    }
                }
            }
            Long counted = CountingSource.AT_CHECKPOINT.get(checkpoint.getCheckpointId());
            long in = counted == null ? CountingSource.GENERATED.get() : counted;
            System.out.printf("| %d | %s%s | %s | %s | %s | %s | %s | %s | %,d | %,d | %,d |%n", checkpoint.getCheckpointId(),
                    String.format("%,d (%.2f)", in, (double) in / perWindow), counted == null ? ", source finished" : "",
                    megabytesExact(checkpoint.getStateSize()),
                    megabytesExact(checkpoint.getCheckpointedSize()), megabytesExact(local), megabytesExact(window),
                    megabytesExact(merge), megabytesExact(other), checkpoint.getEndToEndDuration(), slowest, delay);
        }
        System.out.println();
        deleteRecursively(runDir);
    }

    private static void collect(CheckpointStatsSnapshot snapshot, Map<Long, AbstractCheckpointStats> completed) {
        for (AbstractCheckpointStats checkpoint : snapshot.getHistory().getCheckpoints()) {
            if (checkpoint.getStatus() == CheckpointStatsStatus.COMPLETED) {
                completed.put(checkpoint.getCheckpointId(), checkpoint);
            }
        }
    }

    /**
     * CPU of one window report ({@code ReportAssembler.assemble}, what MergePartials does for each model version
     * when a window closes), by events in the window: the exact two-sample KS p-value is O(window values ×
     * reference values) per feature while both are at most 10,000.
     */
    private void reportCost() {
        System.out.printf("CPU of one window report (`ReportAssembler.assemble`, what `MergePartials` runs per model "
                + "version when a window closes; single thread, best of up to 5 runs within ~1 s) against the "
                + "benchmark's profile (%,d reference values per feature) and a bins-only profile of %,d values. "
                + "The exact two-sample KS p-value (`TwoSampleKolmogorovDistribution`, SciPy's `method='auto'`: "
                + "while both samples have at most 10,000 values) costs about window values × reference values per "
                + "feature, and dominates.%n%n", options.referenceValues, options.stateReferenceValues);
        System.out.printf("| events of the model in the window | ms per report, %,d-value profile | × %,d models, s "
                + "| ms per report, %,d-value bins-only profile | × %,d models, s |%n", options.referenceValues,
                options.models, options.stateReferenceValues, options.models);
        System.out.println("|---:|---:|---:|---:|---:|");
        ReferenceProfile full = templates.get(0).full;
        ReferenceProfile light = stateProfiles(1).get(0);
        ModelReference fullReference = ModelCatalog.of(List.of(full), LIMITS).reference(name(0), MODEL_VERSION);
        ModelReference lightReference = ModelCatalog.of(List.of(light), LIMITS).reference(name(0), MODEL_VERSION);
        ReportAssembler assembler = new ReportAssembler(new DriftSettings(null, Map.of(), Map.of(), 0.5));
        WindowAccumulator warmUp = window(fullReference, options.eventsPerWindow);
        for (int i = 0; i < 5; i++) {
            assemble(assembler, warmUp, full);
        }
        for (int events : List.of(options.eventsPerWindow, LIMITS.exactValues(), 5_000)) {
            double fullMs = bestMs(assembler, window(fullReference, events), full);
            double lightMs = bestMs(assembler, window(lightReference, events), light);
            System.out.printf("| %,d | %,.1f | %,.0f | %,.1f | %,.0f |%n", events, fullMs, fullMs * options.models / 1000,
                    lightMs, lightMs * options.models / 1000);
        }
        System.out.println();
    }

    private WindowAccumulator window(ModelReference reference, int events) {
        WindowAccumulator accumulator = WindowAccumulator.empty(LIMITS);
        for (int i = 0; i < events; i++) {
            accumulator.add(Synthetic.event(options.features, (long) i * options.models, name(0), START.toEpochMilli()),
                    reference);
        }
        return accumulator;
    }

    private static double bestMs(ReportAssembler assembler, WindowAccumulator window, ReferenceProfile profile) {
        long best = Long.MAX_VALUE;
        long spent = 0;
        for (int run = 0; run < 5 && spent < 1_000_000_000L; run++) {
            long start = System.nanoTime();
            assemble(assembler, window, profile);
            long took = System.nanoTime() - start;
            best = Math.min(best, took);
            spent += took;
        }
        return best / 1e6;
    }

    private static void assemble(ReportAssembler assembler, WindowAccumulator window, ReferenceProfile profile) {
        assembler.assemble(profile.model(), MODEL_VERSION, START, START.plusMillis(WINDOW_MS), window, 0, profile,
                "bench", false, null);
    }

    /**
     * Event {@code index}: at {@code start + index × window / (models × perModel)}, of model
     * {@code (index + index / models) mod models}, so each window has {@code perModel} events of every model.
     */
    static final class ManyModelEvents implements GeneratorFunction<Long, IncomingEvent> {
        private static final long serialVersionUID = 1L;

        private final int features;
        private final String[] models;
        private final long perWindow;
        private final long startMs;

        ManyModelEvents(int features, List<String> models, int eventsPerModelWindow, long startMs) {
            this.features = features;
            this.models = models.toArray(String[]::new);
            this.perWindow = (long) models.size() * eventsPerModelWindow;
            this.startMs = startMs;
        }

        @Override
        public IncomingEvent map(Long index) {
            long timestamp = startMs + index * WINDOW_MS / perWindow;
            // Every model once per round, starting one model later each round: round-robin to the next operator
            // then gives every parallel instance events of every model, as a topic not keyed by model does.
            int model = (int) ((index + index / models.length) % models.length);
            PredictionEvent event = Synthetic.event(features, index, models[model], timestamp);
            CountingSource.GENERATED.incrementAndGet();
            return IncomingEvent.accepted("many-models", 0, index, event, null);
        }
    }

    /**
     * The generator source, noting at each checkpoint how many events it has made so far: the reader's
     * snapshot runs in the source task's thread between records, so the count is exactly the events
     * before that checkpoint's barrier. In-process only (the mini cluster shares this JVM's statics),
     * with one source subtask.
     */
    static final class CountingSource implements Source<IncomingEvent, NumberSequenceSplit,
            Collection<NumberSequenceSplit>>, ResultTypeQueryable<IncomingEvent> {
        private static final long serialVersionUID = 1L;
        static final AtomicLong GENERATED = new AtomicLong();
        static final Map<Long, Long> AT_CHECKPOINT = new ConcurrentHashMap<>();

        private final DataGeneratorSource<IncomingEvent> source;

        CountingSource(DataGeneratorSource<IncomingEvent> source) {
            this.source = source;
        }

        @Override
        public Boundedness getBoundedness() {
            return source.getBoundedness();
        }

        @Override
        public SourceReader<IncomingEvent, NumberSequenceSplit> createReader(SourceReaderContext context) throws Exception {
            return new CountingReader(source.createReader(context));
        }

        @Override
        public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
                SplitEnumeratorContext<NumberSequenceSplit> context) {
            return source.createEnumerator(context);
        }

        @Override
        public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
                SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
            return source.restoreEnumerator(context, checkpoint);
        }

        @Override
        public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
            return source.getSplitSerializer();
        }

        @Override
        public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
            return source.getEnumeratorCheckpointSerializer();
        }

        @Override
        public TypeInformation<IncomingEvent> getProducedType() {
            return source.getProducedType();
        }
    }

    private record CountingReader(SourceReader<IncomingEvent, NumberSequenceSplit> reader)
            implements SourceReader<IncomingEvent, NumberSequenceSplit> {
        @Override
        public void start() {
            reader.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<IncomingEvent> output) throws Exception {
            return reader.pollNext(output);
        }

        @Override
        public List<NumberSequenceSplit> snapshotState(long checkpointId) {
            CountingSource.AT_CHECKPOINT.put(checkpointId, CountingSource.GENERATED.get());
            return reader.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return reader.isAvailable();
        }

        @Override
        public void addSplits(List<NumberSequenceSplit> splits) {
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Synthetic data

    /** Reference data and events of the same distributions: per feature a normal, log-normal, uniform or exponential law. */
    static final class Synthetic {
        private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
        private static final String[] FEATURES = new String[1000];

        static {
            for (int f = 0; f < FEATURES.length; f++) {
                FEATURES[f] = String.format("f%02d", f);
            }
        }

        private Synthetic() {}

        static double value(int feature, SplittableRandom random) {
            return switch (feature % 4) {
                case 0 -> round(10.0 * (1 + feature) + (1 + feature % 3) * random.nextGaussian(), 4);
                case 1 -> round(Math.exp(8 + 0.5 * random.nextGaussian()), 2);
                case 2 -> round(random.nextDouble(), 4);
                default -> round(-3 * Math.log(1 - random.nextDouble()), 3);
            };
        }

        static Dataset reference(int features, int rows, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Dataset data = new Dataset("synthetic reference (seed " + seed + ")");
            for (int row = 0; row < rows; row++) {
                Map<String, FeatureValue> cells = new LinkedHashMap<>(features * 2);
                for (int f = 0; f < features; f++) {
                    cells.put(FEATURES[f], FeatureValue.ofNumber(value(f, random)));
                }
                data.addRow(cells, random.nextDouble() < 0.3 ? "1" : "0", null);
            }
            return data;
        }

        static PredictionEvent event(int features, long index, String model, long timestampMs) {
            SplittableRandom random = new SplittableRandom(index * GOLDEN_GAMMA);
            Map<String, FeatureValue> cells = new LinkedHashMap<>(features * 2);
            for (int f = 0; f < features; f++) {
                cells.put(FEATURES[f], FeatureValue.ofNumber(value(f, random)));
            }
            double p = round(random.nextDouble(), 4);
            return new PredictionEvent("p-" + index, model, MODEL_VERSION, Instant.ofEpochMilli(timestampMs), cells,
                    p >= 0.5 ? "1" : "0", Map.of("0", round(1 - p, 4), "1", p), null,
                    round(5 + 20 * random.nextDouble(), 1), null);
        }

        private static double round(double value, int places) {
            double scale = Math.pow(10, places);
            return Math.round(value * scale) / scale;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private List<Integer> modelCounts() {
        return options.compareModels > 0 && options.compareModels < options.models
                ? List.of(options.compareModels, options.models) : List.of(options.models);
    }

    /** The first {@code models} profiles: templates in turn, under the model's own name. */
    private List<ReferenceProfile> profiles(int models, boolean full) {
        List<ReferenceProfile> profiles = new ArrayList<>(models);
        for (int i = 0; i < models; i++) {
            Template template = templates.get(i % templates.size());
            profiles.add(renamed(full ? template.full : template.binsOnly, name(i)));
        }
        return profiles;
    }

    /** Bins-only profiles of {@code --state-reference-values} values, templates in turn, for the state run. */
    private List<ReferenceProfile> stateProfiles(int models) {
        if (stateTemplates.isEmpty()) {
            for (int t = 0; t < templates.size(); t++) {
                stateTemplates.add(new ProfileBuilder(BINS_ONLY, CLOCK).build(
                        Synthetic.reference(options.features, options.stateReferenceValues, 1_000 + t), name(t), null));
            }
        }
        List<ReferenceProfile> profiles = new ArrayList<>(models);
        for (int i = 0; i < models; i++) {
            profiles.add(renamed(stateTemplates.get(i % stateTemplates.size()), name(i)));
        }
        return profiles;
    }

    private static ReferenceProfile renamed(ReferenceProfile profile, String model) {
        return new ReferenceProfile(profile.format(), profile.version(), model, profile.modelVersion(),
                profile.createdAt(), profile.rows(), profile.features(), profile.predictionDistribution(),
                profile.performance());
    }

    /** model-0000 …: one width for every model count up to 10,000, so renaming keeps a profile's size. */
    private String name(int model) {
        return String.format("model-%0" + Math.max(4, Integer.toString(options.models - 1).length()) + "d", model);
    }

    private List<String> nameList(int models) {
        List<String> names = new ArrayList<>(models);
        for (int i = 0; i < models; i++) {
            names.add(name(i));
        }
        return names;
    }

    private static long jsonBytes(ReferenceProfile profile) {
        return ProfileCodec.toJson(profile).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Bytes Java serialization writes for {@code object}, counted rather than kept (a job graph may pass 2 GB). */
    static long serializedSize(Object object) {
        CountingStream counter = new CountingStream();
        try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }

    private static String megabytes(long bytes) {
        return String.format("%,.1f MB", bytes / 1e6);
    }

    private static String megabytesExact(long bytes) {
        return bytes < 1_000_000 ? String.format("%,d B", bytes) : String.format("%,.2f MB", bytes / 1e6);
    }

    private static String bytesAndMegabytes(long bytes, boolean projected) {
        String text = bytes < 100_000 ? String.format("%,d", bytes) : String.format("%,d (%s)", bytes, megabytes(bytes));
        return projected ? "*" + text + "* projected" : text;
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[ManyModels] " + format + "%n", args);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record Options(int models, int compareModels, int features, int referenceValues, int stateReferenceValues,
            int templates,
            int eventsPerWindow, List<Integer> stateModels, int parallelism, int checkpointIntervalSeconds, Path dir,
            Set<String> parts) {

        static Options parse(String[] args) throws ConfigException {
            Map<String, String> values = new HashMap<>(Map.of(
                    "models", "1000", "compare-models", "100", "features", "20", "reference-values", "10000",
                    "state-reference-values", "1000", "templates", "20", "events-per-window", "200",
                    "parallelism", "2", "checkpoint-interval-s", "4", "dir", "/tmp/modelwatch-bench/scale"));
            values.put("parts", "profiles,graph,state,topic");
            for (int i = 0; i < args.length; i += 2) {
                String key = args[i].replaceFirst("^--", "");
                if (!values.containsKey(key) && !key.equals("state-models") || i + 1 >= args.length) {
                    throw new ConfigException("ManyModels: unknown option or missing value: " + args[i]);
                }
                values.put(key, args[i + 1]);
            }
            int models = Integer.parseInt(values.get("models"));
            int compareModels = Integer.parseInt(values.get("compare-models"));
            String bothCounts = compareModels > 0 && compareModels < models ? compareModels + "," + models : "" + models;
            List<Integer> stateModels = Arrays.stream(values.getOrDefault("state-models", bothCounts)
                    .split(",")).map(String::trim).map(Integer::parseInt).toList();
            return new Options(models, compareModels,
                    Integer.parseInt(values.get("features")), Integer.parseInt(values.get("reference-values")),
                    Integer.parseInt(values.get("state-reference-values")),
                    Integer.parseInt(values.get("templates")), Integer.parseInt(values.get("events-per-window")),
                    stateModels, Integer.parseInt(values.get("parallelism")),
                    Integer.parseInt(values.get("checkpoint-interval-s")), Path.of(values.get("dir")),
                    Set.of(values.get("parts").split(",")));
        }
    }
}
