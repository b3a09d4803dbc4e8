package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.labexport.job.ExportJob;

/** What the job list shows when it has no card to show: loading, an empty home, or an empty filter result. */
class JobListPlaceholderTest extends WindowTestSupport {

    private VBox placeholder() throws Exception {
        return onFx(() -> (VBox) robot.lookup("#jobList").queryAs(ListView.class).getPlaceholder());
    }

    @Test
    void anEmptyHomeInvitesTheFirstExportOnceItsJobsAreLoaded() throws Exception {
        // The window tests begin once start-up has loaded the jobs (WindowTestSupport), so this is the loaded state.
        VBox box = placeholder();
        Label title = (Label) box.getChildren().get(0);
        Label hint = (Label) box.getChildren().get(1);
        Button start = (Button) box.getChildren().get(2);
        assertThat(onFx(title::getText)).isEqualTo("No exports yet");
        assertThat(onFx(hint::isVisible)).isTrue();
        assertThat(onFx(hint::getText)).startsWith("Drag data files onto this window");
        assertThat(onFx(start::isVisible)).isTrue();

        ExportJob job = fixtures.aCancelledJob();
        awaitFx(() -> item(job.getId()) != null);
        assertThat(onFx(start::isVisible)).as("New export in the placeholder once there are jobs").isFalse();
    }
}
