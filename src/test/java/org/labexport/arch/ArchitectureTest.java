package org.labexport.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package boundaries of docs/architecture.md: JavaFX only in ui, and no SQL or format code in ui. */
@AnalyzeClasses(packages = "org.labexport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses()
            .that().resideOutsideOfPackage("org.labexport.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the services, pipeline and CLI must run headless; the CLI never loads the toolkit");

    @ArchTest
    static final ArchRule theUiStaysAwayFromStorageAndFormatCode = noClasses()
            .that().resideInAPackage("org.labexport.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "org.hibernate..", "org.h2..", "org.labexport.persistence..",
                    "org.labexport.convert.csv..", "org.labexport.convert.json..", "org.labexport.convert.excel..",
                    "org.labexport.convert.parquet..", "org.labexport.convert.hdf5..")
            .because("the window talks to the services, never to the database or a format directly");
}
