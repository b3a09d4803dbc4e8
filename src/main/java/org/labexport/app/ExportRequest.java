package org.labexport.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labexport.job.NewExportJob;

/**
 * What a front end asks to export: files by path (added to the catalog once the request is valid), catalog files and
 * datasets (by id or name), and the job's settings. The name may be left empty: {@link ExportNames} suggests one.
 *
 * @param paths    data files to add to the catalog and export, in order
 * @param datasets dataset ids or names whose files are exported too
 * @param job      the job's settings; its file and dataset ids are the catalog ids chosen directly
 * @param upload   in shared lab mode, also put the files given by path in the lab bucket when they are added, so a
 *                 worker on another machine can read them
 */
public record ExportRequest(List<Path> paths, List<String> datasets, NewExportJob job, boolean upload) {
    public ExportRequest {
        paths = paths == null ? List.of() : List.copyOf(paths);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        if (job == null) {
            throw new IllegalArgumentException("An export request needs the job's settings.");
        }
    }

    /** A request whose files stay where they are (no upload to the lab bucket). */
    public ExportRequest(List<Path> paths, List<String> datasets, NewExportJob job) {
        this(paths, datasets, job, false);
    }

    /** The same request, uploading its files to the lab bucket when {@code upload} is true. */
    public ExportRequest withUpload(boolean upload) {
        return new ExportRequest(paths, datasets, job, upload);
    }

    /** A request for catalog files and datasets only. */
    public static ExportRequest of(NewExportJob job) {
        return new ExportRequest(List.of(), List.of(), job);
    }

    /** A request for files given by path plus the catalog ids and datasets in {@code job}. */
    public static ExportRequest of(List<Path> paths, NewExportJob job) {
        return new ExportRequest(new ArrayList<>(paths), List.of(), job);
    }
}
