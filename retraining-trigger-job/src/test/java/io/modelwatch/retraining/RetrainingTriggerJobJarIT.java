package io.modelwatch.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded jar a cluster runs holds the trigger job, its connector and targets, and nothing of the command line. */
class RetrainingTriggerJobJarIT {
    private static final Path JAR = Path.of(System.getProperty("job.jar", "target/retraining-trigger-job.jar"));

    @Test
    void theJobJarStartsTheTriggerJobAndCarriesItsConnectorAndTargets() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(RetrainingTriggerJob.class.getName());
            assertThat(entries(jar)).contains(
                    "io/modelwatch/retraining/RetrainingTriggerJob.class",
                    "io/modelwatch/common/json/ReportCodec.class",
                    "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                    "software/amazon/awssdk/services/sfn/SfnClient.class");
        }
    }

    @Test
    void theJobJarHoldsNothingOfTheCommandLineTheOtherJobOrTheCluster() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(entries(jar)).noneMatch(name -> name.startsWith("io/modelwatch/cli/")
                    || name.startsWith("io/modelwatch/monitoring/")
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
