package io.modelwatch.monitoring.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Flink lives in the job class and the flink package; the windows, ground truth and decoding are
 * plain Java. One exception: the window accumulator's serializer keeps the name the previous
 * release gave it in {@code aggregate}, because savepoints name its snapshot class.
 */
@AnalyzeClasses(packages = "io.modelwatch.monitoring", importOptions = ImportOption.DoNotIncludeTests.class)
class MonitoringJobShapeTest {

    @ArchTest
    static final ArchRule onlyTheJobAndItsFlinkPackageUseFlink = noClasses()
            .that().resideOutsideOfPackage("io.modelwatch.monitoring.flink..")
            .and().haveNameNotMatching("io\\.modelwatch\\.monitoring\\.MonitoringJob(\\$.*)?")
            .and().haveNameNotMatching("io\\.modelwatch\\.monitoring\\.aggregate\\.WindowAccumulatorSerializer(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "io.modelwatch.common.flink..",
                    "io.modelwatch.monitoring.flink..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.modelwatch.monitoring.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theJobKnowsNothingOfTheCommandLineOrTheOtherJob = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.modelwatch.cli..", "io.modelwatch.retraining..");
}
