package org.fanout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md, enforced: dependencies point one way, and only the CLI prints. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.fanout");
    }

    @Test
    void engineDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("org.fanout.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fanout.ui..", "org.fanout.cli..",
                        "org.fanout.export..", "org.fanout.history..", "org.fanout.lab..", "org.controlsfx..", "picocli..")
                .check(classes);
    }

    @Test
    void exportAndLabDoNotReachUpwards() {
        noClasses().that().resideInAnyPackage("org.fanout.export..", "org.fanout.lab..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fanout.ui..", "org.fanout.cli..",
                        "org.fanout.history..")
                .check(classes);
    }

    @Test
    void historyDependsOnlyOnEngineAndExport() {
        noClasses().that().resideInAPackage("org.fanout.history..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fanout.ui..", "org.fanout.cli..",
                        "org.fanout.lab..", "org.controlsfx..", "picocli..")
                .check(classes);
    }

    @Test
    void uiDoesNotUseTheCommandLine() {
        noClasses().that().resideInAPackage("org.fanout.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.fanout.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrints() {
        noClasses().that().resideOutsideOfPackage("org.fanout.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }
}
