package org.labexport.job;

/** No job has the given id or job key (it never existed, was deleted or expired). */
public class JobNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobNotFoundException(String idOrKey) {
        super("No export job with id or key '" + idOrKey + "'.");
    }

    public JobNotFoundException(long id) {
        super("No export job with id " + id + ".");
    }
}
