package org.labexport.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The lab server of shared lab mode (docs/decisions/0110), as saved in the settings: the PostgreSQL catalog and job
 * queue, and where files are shared. The environment ({@code LABEXPORT_DB_URL}, {@code LABEXPORT_DB_USER},
 * {@code LABEXPORT_DB_PASSWORD}, {@code LABEXPORT_LAB_FILES}, {@code LABEXPORT_LAB_OUTPUT}) overrides it.
 * {@link #toString()} never shows the password.
 *
 * @param databaseUrl {@code jdbc:postgresql://HOST:5432/DATABASE}; blank for one workstation on embedded H2
 * @param user        the database user
 * @param password    the database password
 * @param files       where {@code files add --upload} puts files for the workers: {@code s3://[PROFILE@]BUCKET/PREFIX}
 * @param output      where a job with no destination is delivered in shared mode: {@code s3://...} or a shared folder
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LabServer(String databaseUrl, String user, String password, String files, String output) {
    public static final String ENV_FILES = "LABEXPORT_LAB_FILES";
    public static final String ENV_OUTPUT = "LABEXPORT_LAB_OUTPUT";

    /** Whether a lab database is configured here. */
    @JsonIgnore
    public boolean isConfigured() {
        return databaseUrl != null && !databaseUrl.isBlank();
    }

    @Override
    public String toString() {
        return "LabServer[databaseUrl=" + databaseUrl + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? null : "****") + ", files=" + files + ", output=" + output
                + "]";
    }
}
