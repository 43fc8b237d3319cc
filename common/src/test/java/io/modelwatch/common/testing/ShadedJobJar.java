package io.modelwatch.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What a job's shaded jar must hold: its job as {@code Main-Class}, the entries it needs, and
 * nothing of the command line, the other job, the cluster's own Flink runtime or logging. Run after
 * {@code package} (failsafe), with the jar's path in the system property {@code job.jar}.
 */
public abstract class ShadedJobJar {
    private final Path jar = Path.of(System.getProperty("job.jar"));
    private final Class<?> mainClass;
    private final List<String> required;
    private final String otherJob;

    /** @param otherJob the package path of the other job, e.g. {@code io/modelwatch/retraining/} */
    protected ShadedJobJar(Class<?> mainClass, List<String> required, String otherJob) {
        this.mainClass = mainClass;
        this.required = required;
        this.otherJob = otherJob;
    }

    @Test
    void theJobJarStartsItsJobAndCarriesWhatItNeeds() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(mainClass.getName());
            assertThat(entries(file)).containsAll(required);
        }
    }

    @Test
    void theJobJarHoldsNothingOfTheCommandLineTheOtherJobOrTheCluster() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(entries(file)).noneMatch(name -> name.startsWith("io/modelwatch/cli/")
                    || name.startsWith(otherJob)
                    || name.startsWith("picocli/")
                    || name.startsWith("gg/jte/")
                    || name.startsWith("org/apache/flink/runtime/")
                    || name.startsWith("org/apache/flink/streaming/api/environment/")
                    || name.startsWith("org/apache/logging/log4j/"));
        }
    }

    private static List<String> entries(JarFile file) {
        return file.stream().map(JarEntry::getName).toList();
    }
}
