package org.fanout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.animation.Timeline;
import javafx.application.Platform;
import org.fanout.export.ResultKind;
import org.fanout.export.ResumeReader;

/**
 * The layering of docs/ARCHITECTURE.md, enforced: dependencies point one way (ui, cli → history
 * → export → engine; lab on its own), engine's packages form no cycle, and only the CLI prints.
 */
@AnalyzeClasses(packages = "org.fanout", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineDependsOnNothingElseOfOurs = noClasses()
            .that()
            .resideInAPackage("org.fanout.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "javafx..",
                    "org.fanout.ui..",
                    "org.fanout.cli..",
                    "org.fanout.export..",
                    "org.fanout.history..",
                    "org.fanout.lab..",
                    "org.controlsfx..",
                    "picocli..");

    @ArchTest
    static final ArchRule exportAndLabDoNotReachUpwards = noClasses()
            .that()
            .resideInAnyPackage("org.fanout.export..", "org.fanout.lab..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.fanout.ui..", "org.fanout.cli..", "org.fanout.history..");

    @ArchTest
    static final ArchRule labDependsOnNothingOfOurs = noClasses()
            .that()
            .resideInAPackage("org.fanout.lab..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.fanout.engine..", "org.fanout.export..");

    @ArchTest
    static final ArchRule historyDependsOnlyOnEngineAndExport = noClasses()
            .that()
            .resideInAPackage("org.fanout.history..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "javafx..",
                    "org.fanout.ui..",
                    "org.fanout.cli..",
                    "org.fanout.lab..",
                    "org.controlsfx..",
                    "picocli..");

    @ArchTest
    static final ArchRule uiDoesNotUseTheCommandLine = noClasses()
            .that()
            .resideInAPackage("org.fanout.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.fanout.cli..");

    @ArchTest
    static final ArchRule onlyTheCommandLinePrints = noClasses()
            .that()
            .resideOutsideOfPackage("org.fanout.cli..")
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .orShould()
            .callMethod(Throwable.class, "printStackTrace");

    /**
     * One hand-off to the FX thread: only ui.fx runs work in the background for the UI and
     * schedules on the FX thread. {@code Platform.getPreferences()} (the system's colour
     * scheme, read by Themes) is no hand-off and stays allowed; so are the other animations
     * (a view's PauseTransition fading a message is a view's own timing, not a hand-off).
     */
    @ArchTest
    static final ArchRule onlyUiFxHandsOffToTheFxThread = noClasses()
            .that()
            .resideOutsideOfPackage("org.fanout.ui.fx..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javafx.concurrent..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(Timeline.class, AnimationTimer.class)
            .orShould(usePlatformBeyondItsPreferences());

    private static ArchCondition<JavaClass> usePlatformBeyondItsPreferences() {
        return new ArchCondition<>("use Platform other than getPreferences()") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    if (access.getTargetOwner().isEquivalentTo(Platform.class)
                            && !access.getName().equals("getPreferences")) {
                        events.add(SimpleConditionEvent.satisfied(access, access.getDescription()));
                    }
                }
            }
        };
    }

    /** The app is in feature packages (main, form, status, results, hosts, charts, compare, lab, history, ...): none of its classes sits loose in ui. */
    @ArchTest
    static final ArchRule uiClassesLiveInFeaturePackages = noClasses().should().resideInAPackage("org.fanout.ui");

    /** The pieces every feature shares (formatting, dialogs, themes, the FX hand-off) know no feature. */
    @ArchTest
    static final ArchRule sharedUiPiecesKnowNoFeature = noClasses()
            .that()
            .resideInAnyPackage("org.fanout.ui.common..", "org.fanout.ui.theme..", "org.fanout.ui.fx..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.fanout.ui.main..",
                    "org.fanout.ui.form..",
                    "org.fanout.ui.status..",
                    "org.fanout.ui.results..",
                    "org.fanout.ui.hosts..",
                    "org.fanout.ui.charts..",
                    "org.fanout.ui.compare..",
                    "org.fanout.ui.lab..",
                    "org.fanout.ui.history..");

    /**
     * A resumed file's keys are read once, by {@code OutputOptions.run}, which hands the one set
     * to the scan and the history: a file of millions of results was read for them twice and
     * held three times.
     */
    @ArchTest
    static final ArchRule aResumedFilesKeysAreReadOnce = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("org.fanout.cli.OutputOptions")
            .should()
            .callMethod(ResumeReader.class, "doneKeys", Path.class, ResultKind.class);

    /** engine's root (Scan and its settings) and each sub-package are one slice each; no cycles among them. */
    @ArchTest
    static final ArchRule engineSlicesAreFreeOfCycles =
            slices().assignedFrom(new EngineSlices()).should().beFreeOfCycles();

    static final class EngineSlices implements SliceAssignment {
        private static final String ENGINE = "org.fanout.engine";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String p = javaClass.getPackageName();
            if (p.equals(ENGINE)) return SliceIdentifier.of("engine");
            if (!p.startsWith(ENGINE + ".")) return SliceIdentifier.ignore();
            return SliceIdentifier.of(
                    "engine." + p.substring(ENGINE.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "engine's root and sub-packages";
        }
    }
}
