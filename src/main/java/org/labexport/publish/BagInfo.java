package org.labexport.publish;

import java.time.LocalDate;

/**
 * The fields of a bag's {@code bag-info.txt} that do not come from the payload. Null fields are left out.
 *
 * @param baggingDate        {@code Bagging-Date}
 * @param softwareAgent      {@code Bag-Software-Agent}, "LabExport &lt;version&gt;"
 * @param externalIdentifier {@code External-Identifier}: the job key
 * @param sourceOrganization {@code Source-Organization}
 * @param contactName        {@code Contact-Name}
 * @param contactEmail       {@code Contact-Email}
 * @param description        {@code External-Description}
 */
public record BagInfo(LocalDate baggingDate, String softwareAgent, String externalIdentifier,
                      String sourceOrganization, String contactName, String contactEmail, String description) {
}
