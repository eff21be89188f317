package dev.junction.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The server's packages depend one way: none is part of a dependency cycle, the server package only assembles, the
 * request path's contract depends on none of the stages built on it, and configuration readers know nothing of what
 * consumes them. A new cycle fails the build here. (Read from this module's compiled classes only.)
 */
class PackageDependenciesTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));

    @Test
    void noPackageIsPartOfADependencyCycle() {
        slices().matching("dev.junction.(**)").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void nothingDependsOnTheServerPackageWhichOnlyAssembles() {
        noClasses().that().resideOutsideOfPackages("dev.junction.server..", "dev.junction.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.junction.server..").check(GATEWAY);
    }

    @Test
    void theRequestPathContractDependsOnNoStageNorEndpoint() {
        noClasses().that().resideInAPackage("dev.junction.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.junction.stage..", "dev.junction.endpoint..",
                        "dev.junction.server..")
                .check(GATEWAY);
    }

    @Test
    void configurationIsReadWithoutKnowingGovernanceTheStoreOrTheDataPlane() {
        noClasses().that().resideInAPackage("dev.junction.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.junction.governance..",
                        "dev.junction.store..", "dev.junction.pipeline..", "dev.junction.endpoint..")
                .check(GATEWAY);
    }
}
