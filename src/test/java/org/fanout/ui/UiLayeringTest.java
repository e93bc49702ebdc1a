package org.fanout.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ui layer's place in DESIGN.md's one-way dependencies, and no printing from it. */
@Timeout(60)
class UiLayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fanout");

    /** ui may use engine, export and lab (the Lab toggle), never cli. */
    @Test
    void uiDoesNotUseCli() {
        noClasses().that().resideInAPackage("org.fanout.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fanout.cli..")
                .allowEmptyShould(true).check(MAIN);
    }

    @Test
    void nothingBelowDependsOnUi() {
        noClasses().that().resideInAnyPackage("org.fanout.engine..", "org.fanout.export..", "org.fanout.lab..")
                .should().dependOnClassesThat().resideInAPackage("org.fanout.ui..")
                .allowEmptyShould(true).check(MAIN);
    }

    @Test
    void uiDoesNotPrint() {
        noClasses().that().resideInAPackage("org.fanout.ui..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(MAIN);
    }
}
