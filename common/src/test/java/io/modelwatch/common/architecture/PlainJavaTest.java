package io.modelwatch.common.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Statistics, profiles, events, reports and configuration are plain Java: usable from the CLI and testable in
 * milliseconds. Only the Flink plumbing both jobs share, in io.modelwatch.common.flink, uses Flink and Kafka.
 */
@AnalyzeClasses(packages = "io.modelwatch.common", importOptions = ImportOption.DoNotIncludeTests.class)
class PlainJavaTest {

    @ArchTest
    static final ArchRule onlyTheFlinkAdaptersUseFlink = noClasses()
            .that().resideOutsideOfPackage("io.modelwatch.common.flink..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.apache.kafka..",
                    "io.modelwatch.common.flink..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.modelwatch.common.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule commonKnowsNoJob = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.modelwatch.monitoring..", "io.modelwatch.retraining..",
                    "io.modelwatch.cli..");
}
