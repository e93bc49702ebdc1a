package org.fanout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The layering of docs/ARCHITECTURE.md, enforced: dependencies point one way (ui, cli → history
 * → export → engine; lab on its own), engine's packages form no cycle, and only the CLI prints.
 */
@AnalyzeClasses(packages = "org.fanout", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineDependsOnNothingElseOfOurs = noClasses().that().resideInAPackage("org.fanout.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fanout.ui..", "org.fanout.cli..",
                    "org.fanout.export..", "org.fanout.history..", "org.fanout.lab..", "org.controlsfx..", "picocli..");

    @ArchTest
    static final ArchRule exportAndLabDoNotReachUpwards = noClasses().that().resideInAnyPackage("org.fanout.export..", "org.fanout.lab..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fanout.ui..", "org.fanout.cli..",
                    "org.fanout.history..");

    @ArchTest
    static final ArchRule labDependsOnNothingOfOurs = noClasses().that().resideInAPackage("org.fanout.lab..")
            .should().dependOnClassesThat().resideInAnyPackage("org.fanout.engine..", "org.fanout.export..");

    @ArchTest
    static final ArchRule historyDependsOnlyOnEngineAndExport = noClasses().that().resideInAPackage("org.fanout.history..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fanout.ui..", "org.fanout.cli..",
                    "org.fanout.lab..", "org.controlsfx..", "picocli..");

    @ArchTest
    static final ArchRule uiDoesNotUseTheCommandLine = noClasses().that().resideInAPackage("org.fanout.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.fanout.cli..");

    @ArchTest
    static final ArchRule onlyTheCommandLinePrints = noClasses().that().resideOutsideOfPackage("org.fanout.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace");

    /** engine's root (Scan and its settings) and each sub-package are one slice each; no cycles among them. */
    @ArchTest
    static final ArchRule engineSlicesAreFreeOfCycles = slices().assignedFrom(new EngineSlices()).should().beFreeOfCycles();

    static final class EngineSlices implements SliceAssignment {
        private static final String ENGINE = "org.fanout.engine";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String p = javaClass.getPackageName();
            if (p.equals(ENGINE)) return SliceIdentifier.of("engine");
            if (!p.startsWith(ENGINE + ".")) return SliceIdentifier.ignore();
            return SliceIdentifier.of("engine." + p.substring(ENGINE.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "engine's root and sub-packages";
        }
    }
}
