package org.labexport.job;

import org.labexport.base.LabExportException;
/** No job has the given id or job key (it never existed, was deleted or expired). */
public class JobNotFoundException extends LabExportException {
    private static final long serialVersionUID = 1L;

    public JobNotFoundException(String idOrKey) {
        super(Kind.BAD_INPUT, "No export job with id or key '" + idOrKey + "'.");
    }

    public JobNotFoundException(long id) {
        super(Kind.BAD_INPUT, "No export job with id " + id + ".");
    }
}
