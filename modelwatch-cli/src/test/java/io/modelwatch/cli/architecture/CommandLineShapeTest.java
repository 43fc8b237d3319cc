package io.modelwatch.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The commands, the demo and the reports do not import each other in circles; only the entry point knows them all. */
@AnalyzeClasses(packages = "io.modelwatch.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandLineShapeTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.modelwatch.cli.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingButTheEntryPointDependsOnIt = noClasses()
            .that().resideOutsideOfPackage("io.modelwatch.cli")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.modelwatch.cli.ModelWatchCli");
}
