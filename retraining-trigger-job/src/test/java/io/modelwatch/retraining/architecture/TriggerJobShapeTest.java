package io.modelwatch.retraining.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Flink lives in the job class and the flink package; rules, actions and delivery are plain Java. */
@AnalyzeClasses(packages = "io.modelwatch.retraining", importOptions = ImportOption.DoNotIncludeTests.class)
class TriggerJobShapeTest {

    @ArchTest
    static final ArchRule onlyTheJobAndItsFlinkPackageUseFlink = noClasses()
            .that().resideOutsideOfPackage("io.modelwatch.retraining.flink..")
            .and().haveNameNotMatching("io\\.modelwatch\\.retraining\\.RetrainingTriggerJob(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "io.modelwatch.common.flink..",
                    "io.modelwatch.retraining.flink..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.modelwatch.retraining.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theJobKnowsNothingOfTheCommandLineOrTheOtherJob = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.modelwatch.cli..", "io.modelwatch.monitoring..");
}
