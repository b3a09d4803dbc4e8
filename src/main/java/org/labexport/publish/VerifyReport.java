package org.labexport.publish;

import java.util.List;

/**
 * What {@link ExportVerifier} found.
 *
 * @param location     the export checked, in words
 * @param kind         "bagit" for a bag, "plain" for an export checked against its export_metadata.json
 * @param filesChecked payload files whose checksums were compared
 * @param bytesChecked their bytes
 * @param problems     one per problem, in the order found; empty when valid
 */
public record VerifyReport(String location, String kind, int filesChecked, long bytesChecked,
                           List<Problem> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /**
     * One problem.
     *
     * @param kind    missing, extra, changed, size, oxum, crate, manifest or unreadable
     * @param file    the file concerned (path inside the export), or null for the export as a whole
     * @param message what is wrong, for a person
     */
    public record Problem(String kind, String file, String message) {
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** One line: VALID or INVALID, what was checked, how many problems. */
    public String summary() {
        String what = "bagit".equals(kind) ? "BagIt bag" : "plain".equals(kind) ? "export" : "package";
        if (valid()) {
            return "VALID " + what + " " + location + ": " + filesChecked + (filesChecked == 1 ? " file, " : " files, ")
                    + bytesChecked + " bytes, every checksum matches.";
        }
        return "INVALID " + what + " " + location + ": " + problems.size()
                + (problems.size() == 1 ? " problem." : " problems.");
    }
}
