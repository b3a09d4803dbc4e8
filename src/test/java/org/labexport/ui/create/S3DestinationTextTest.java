package org.labexport.ui.create;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labexport.destination.S3Location;
import org.labexport.settings.S3Profile;

/** The dialog names the chosen profile in the job's destination, so the upload uses that profile's endpoint and keys. */
class S3DestinationTextTest {

    @Test
    void chosenProfileIsNamedInTheDestinationAndParsesBack() {
        S3Profile lab = new S3Profile("lab", "http://127.0.0.1:9000", "k", "s", null, "exports", "/team/2026");

        String dest = CreateExportViewModel.s3Destination(lab);

        assertThat(dest).isEqualTo("s3://lab@exports/team/2026");
        assertThat(S3Location.profileOf(dest)).contains("lab");
        assertThat(S3Location.parse(dest)).contains(new S3Location("exports", "team/2026"));
        assertThat(S3Location.profileOf("s3://exports/a@b")).isEmpty();
        assertThat(S3Location.parse("s3://exports/a@b")).contains(new S3Location("exports", "a@b"));
    }
}
