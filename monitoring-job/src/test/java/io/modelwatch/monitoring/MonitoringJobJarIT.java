package io.modelwatch.monitoring;

import io.modelwatch.common.testing.ShadedJobJar;
import java.util.List;

/** The shaded jar a cluster runs holds the monitoring job, its connectors, and nothing of the command line. */
class MonitoringJobJarIT extends ShadedJobJar {
    MonitoringJobJarIT() {
        super(MonitoringJob.class, List.of(
                "io/modelwatch/monitoring/MonitoringJob.class",
                "io/modelwatch/common/stats/KolmogorovSmirnov.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/flink/connector/datagen/source/DataGeneratorSource.class"), "io/modelwatch/retraining/");
    }
}
