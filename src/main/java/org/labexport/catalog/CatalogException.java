package org.labexport.catalog;

import org.labexport.base.LabExportException;
/** A catalog operation failed for a reason other than bad input, such as an I/O error while reading a file. */
public class CatalogException extends LabExportException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }
}
