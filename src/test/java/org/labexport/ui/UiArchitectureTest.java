package org.labexport.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import javafx.application.Platform;
import org.labexport.ui.common.FxEventAdapter;

/** The window's own boundaries: one way onto the FX thread for service events, no S3 client in the window. */
@AnalyzeClasses(packages = "org.labexport.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheAdapterPostsToTheFxThread = noClasses()
            .that().doNotHaveFullyQualifiedName(FxEventAdapter.class.getName())
            .should().callMethod(Platform.class, "runLater", Runnable.class)
            .because("service events reach the FX thread through the one coalescing adapter (ADR 0040); "
                    + "background work returns through the TaskExecutor");

    @ArchTest
    static final ArchRule theWindowDoesNotTalkToS3Directly = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.minio..")
            .because("S3 checks go through the destination package");

    @ArchTest
    static final ArchRule viewModelsBuildNoDialogs = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.stage..", "org.controlsfx..")
            .orShould().dependOnClassesThat().haveSimpleName("Alert")
            .because("view models ask the DialogService (ADR 0043)");
}
