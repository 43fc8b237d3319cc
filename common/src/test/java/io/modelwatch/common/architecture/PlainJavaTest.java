package io.modelwatch.common.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Statistics, profiles, events and reports are plain Java: usable from the CLI and testable in milliseconds. */
@AnalyzeClasses(packages = "io.modelwatch.common", importOptions = ImportOption.DoNotIncludeTests.class)
class PlainJavaTest {

    @ArchTest
    static final ArchRule onlyTheFlinkAdaptersUseFlink = noClasses()
            .that().resideOutsideOfPackage("io.modelwatch.common.flink..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.flink..");
}
