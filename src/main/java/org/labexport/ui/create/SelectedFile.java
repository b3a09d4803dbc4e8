package org.labexport.ui.create;

import java.nio.file.Path;
import org.labexport.convert.SourceFormat;

/**
 * A row of the create dialog's file table.
 *
 * @param path       absolute path of the file
 * @param size       size in bytes
 * @param format     detected source format
 * @param catalogId  the catalog id when the file came from the catalog (a dataset), else null
 * @param datasetId  the dataset the row came from, else null
 */
public record SelectedFile(Path path, long size, SourceFormat format, Long catalogId, Long datasetId) {

    public String name() {
        return path.getFileName().toString();
    }
}
