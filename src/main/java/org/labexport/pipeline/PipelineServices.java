package org.labexport.pipeline;

import org.labexport.base.AppHome;
import org.labexport.catalog.CatalogService;
import org.labexport.job.DataExportService;
import org.labexport.settings.Settings;

/**
 * What the pipeline needs of a process's services: the home, the current settings, the job service and the catalog.
 * The application layer's {@code AppServices} provides it; the pipeline never sees the layer above it.
 */
public interface PipelineServices {
    AppHome home();

    Settings settings();

    DataExportService exports();

    CatalogService catalog();
}
