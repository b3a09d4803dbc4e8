package org.labexport.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries of docs/architecture.md: no cycles between the top-level packages, the layers
 * (launcher, then ui and cli, then app, then job/catalog/pipeline, then convert/destination/settings/publish,
 * then persistence/base), the front ends calling only the application layer, JavaFX only in ui, no SQL or format
 * code in ui, and one way to the database (plain JDBC, no ORM: docs/decisions/0127).
 */
@AnalyzeClasses(packages = "org.labexport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages = slices().matching("org.labexport.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesBetweenTheConverterEngineAndTheFormats = slices()
            .matching("org.labexport.convert.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersDependOnlyDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Launcher").definedBy("org.labexport")
            .layer("FrontEnds").definedBy("org.labexport.ui..", "org.labexport.cli..")
            .layer("Application").definedBy("org.labexport.app..")
            .layer("Domain").definedBy("org.labexport.job..", "org.labexport.catalog..", "org.labexport.pipeline..")
            .layer("Engines").definedBy("org.labexport.convert..", "org.labexport.destination..",
                    "org.labexport.settings..", "org.labexport.publish..")
            .layer("Foundation").definedBy("org.labexport.persistence..", "org.labexport.base..")
            .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
            .whereLayer("FrontEnds").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Launcher", "FrontEnds")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Launcher", "FrontEnds", "Application")
            .whereLayer("Engines").mayOnlyBeAccessedByLayers("Launcher", "FrontEnds", "Application", "Domain")
            .because("each layer builds on the ones below it only (docs/architecture.md)");

    @ArchTest
    static final ArchRule frontEndsCallOnlyTheApplicationLayer = noClasses()
            .that().resideInAnyPackage("org.labexport.ui..", "org.labexport.cli..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.labexport.job.DataExportService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.labexport.catalog.CatalogService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.labexport.pipeline.ExportRunner")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.labexport.pipeline.Destinations")
            .because("each use case lives once, in the application layer, and both front ends call it");

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses()
            .that().resideOutsideOfPackage("org.labexport.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the services, pipeline and CLI must run headless; the CLI never loads the toolkit");

    @ArchTest
    static final ArchRule theUiStaysAwayFromStorageAndFormatCode = noClasses()
            .that().resideInAPackage("org.labexport.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "org.h2..", "org.labexport.persistence..",
                    "org.labexport.convert.csv..", "org.labexport.convert.json..", "org.labexport.convert.excel..",
                    "org.labexport.convert.parquet..", "org.labexport.convert.hdf5..")
            .because("the window talks to the services, never to the database or a format directly");

    @ArchTest
    static final ArchRule oneWayToTheDatabase = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
            .because("jobs and the catalog are read and written in plain JDBC by their rows classes; a second"
                    + " data-access path costs every writing command an ORM boot (docs/decisions/0127)");
}
