package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded jar a cluster runs holds the monitoring job, its connectors, and nothing of the command line. */
class MonitoringJobJarIT {
    private static final Path JAR = Path.of(System.getProperty("job.jar", "target/monitoring-job.jar"));

    @Test
    void theJobJarStartsTheMonitoringJobAndCarriesItsConnectors() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(MonitoringJob.class.getName());
            assertThat(entries(jar)).contains(
                    "io/modelwatch/monitoring/MonitoringJob.class",
                    "io/modelwatch/common/stats/KolmogorovSmirnov.class",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/flink/connector/datagen/source/DataGeneratorSource.class");
        }
    }

    @Test
    void theJobJarHoldsNothingOfTheCommandLineTheOtherJobOrTheCluster() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(entries(jar)).noneMatch(name -> name.startsWith("io/modelwatch/cli/")
                    || name.startsWith("io/modelwatch/retraining/")
                    || name.startsWith("picocli/")
                    || name.startsWith("gg/jte/")
                    || name.startsWith("org/apache/flink/runtime/")
                    || name.startsWith("org/apache/flink/streaming/api/environment/")
                    || name.startsWith("org/apache/logging/log4j/"));
        }
    }

    private static List<String> entries(JarFile jar) {
        return jar.stream().map(JarEntry::getName).toList();
    }
}
