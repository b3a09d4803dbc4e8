package org.labexport.publish;

import java.time.Instant;

/**
 * Who publishes an export and under what terms, for its RO-Crate and bag-info: from the job, else the settings.
 *
 * @param license            an SPDX id (CC-BY-4.0) or a licence URL; null when not set
 * @param author             a name, or a URL such as an ORCID; null when not set
 * @param sourceOrganization the lab or institute; null when not set
 * @param contactName        contact person; null when not set
 * @param contactEmail       contact e-mail; null when not set
 * @param softwareVersion    LabExport's version
 * @param published          when the package was made
 */
public record PublicationInfo(String license, String author, String sourceOrganization, String contactName,
                              String contactEmail, String softwareVersion, Instant published) {
}
