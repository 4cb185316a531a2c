package dev.drover.hub;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hub's top-level packages depend on each other one way only: the {@code link} to the daemons
 * and the domain {@code error}s under the features, the {@code daemon} socket over them (see
 * docs/adr/0015-hub-layers.md). A new back-arrow fails here, naming the classes that make it.
 */
class LayeringTest {

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.drover.hub");

    @Test
    void noCycleBetweenTopLevelPackages() {
        slices().matching("dev.drover.hub.(*)..")
                .should().beFreeOfCycles()
                .check(HUB);
    }

    @Test
    void nothingUsesTheDaemonSocket() {
        noClasses().that().resideOutsideOfPackage("dev.drover.hub.daemon..")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.hub.daemon..")
                .check(HUB);
    }

    @Test
    void theLinkAndTheDomainErrorsUseNoFeature() {
        noClasses().that().resideInAnyPackage("dev.drover.hub.link..", "dev.drover.hub.error..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.hub.account..", "dev.drover.hub.auth..",
                        "dev.drover.hub.host..", "dev.drover.hub.people..", "dev.drover.hub.project..", "dev.drover.hub.session..",
                        "dev.drover.hub.terminal..", "dev.drover.hub.telemetry..", "dev.drover.hub.web..",
                        "dev.drover.hub.problem..", "dev.drover.hub.daemon..")
                .check(HUB);
    }
}
