package dev.drover.hub;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hub's top-level packages (features such as {@code session} and {@code host}, the {@code link}
 * to the daemons under them, the {@code daemon} socket over them) depend on each other one way
 * only: see docs/adr/0013-hub-layers.md. A new back-arrow fails here, naming the classes that make it.
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
}
