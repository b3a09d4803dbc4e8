package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollBar;
import javafx.css.PseudoClass;
import org.junit.jupiter.api.Test;
import org.labexport.job.CompletedExport;
import org.labexport.job.ExportJob;
import org.labexport.ui.main.ExportJobCard;
import org.labexport.ui.main.JobItem;
import org.labexport.ui.main.StatusFilter;

/** Cards fit the list at any window size, stay compact, and say what happened (completed with errors, failed). */
class JobCardLayoutTest extends WindowTestSupport {
    /** The longest name the service accepts (200 characters), with no space to break at. */
    private static final String LONG_NAME = "PlateReaderRun_".repeat(14).substring(0, 200);
    /** 300 characters of description. */
    private static final String LONG_DESCRIPTION = "A description that goes on and on ".repeat(9).substring(0, 300);
    private ExportJob longOne;
    private ExportJob partial;
    private ExportJob failed;

    @Override
    void prepare() {
        longOne = services.exports().createExportJob(fixtures.aRequest().name(LONG_NAME)
                .description(LONG_DESCRIPTION).build());
        var job = services.exports().markProcessing(fixtures.aPendingJob().getId());
        long badFile = job.getFileIds().get(0);
        partial = services.exports().markCompleted(job.getId(), new CompletedExport(null, 4096, null, 1, 1,
                "1 of 2 files could not be exported: data.csv is not a table", List.of(badFile)));
        failed = fixtures.aFailedJob();
    }

    private ListView<JobItem> list() {
        return window.view().list();
    }

    private static Bounds inScene(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    @Test
    void aLongNameAndDescriptionAreCutInsideTheListAt1024x640WithoutSidewaysScrolling() throws Exception {
        runFx(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(640);
        });
        awaitFx(() -> card(longOne.getId()) != null && window.stage().getScene().getWidth() <= 1024);
        runFx(() -> list().layout());
        ExportJobCard card = onFx(() -> card(longOne.getId()));

        awaitFx(() -> {
            Bounds listBounds = inScene(list());
            Node badge = card.lookup(".status-badge");
            Node percent = card.lookup(".job-percent");
            return inScene(card).getMaxX() <= listBounds.getMaxX()
                    && inScene(badge).getMaxX() <= listBounds.getMaxX() && inScene(badge).getWidth() > 0
                    && inScene(percent).getMaxX() <= listBounds.getMaxX() && inScene(percent).getWidth() > 0;
        });
        boolean sideways = onFx(() -> list().lookupAll(".scroll-bar").stream()
                .map(ScrollBar.class::cast)
                .anyMatch(b -> b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()));
        assertThat(sideways).as("horizontal scroll bar shown").isFalse();
        Label name = onFx(() -> (Label) card.lookup(".job-name"));
        assertThat(onFx(() -> name.getText())).isEqualTo(LONG_NAME);
        assertThat(onFx(() -> name.getTooltip().getText())).as("full name in the tooltip").isEqualTo(LONG_NAME);
        assertThat(onFx(() -> inScene(name).getWidth())).isLessThan(1024);
        Label description = onFx(() -> (Label) card.lookup(".job-description"));
        assertThat(onFx(() -> inScene(description).getMaxX())).isLessThanOrEqualTo(onFx(() -> inScene(list()).getMaxX()));
        assertThat(onFx(() -> description.getTooltip().getText())).isEqualTo(LONG_DESCRIPTION);
    }

    @Test
    void cardsAreCompactEnoughForSixOnA1080pScreen() throws Exception {
        awaitFx(() -> card(failed.getId()) != null && card(partial.getId()) != null);
        double cell = onFx(() -> card(partial.getId()).getParent().getLayoutBounds().getHeight());
        double chrome = onFx(() -> window.view().getTop().getLayoutBounds().getHeight());
        // 1080 pixels less a title bar and a task bar of about 50 each, and the window's own toolbars.
        assertThat(cell * 6).as("six cards of %.0f px", cell).isLessThanOrEqualTo(1080 - 100 - chrome);
    }

    @Test
    void aJobWithFailedFilesIsCompletedWithErrorsInAmberAndHasItsOwnFilter() throws Exception {
        awaitFx(() -> card(partial.getId()) != null);
        ExportJobCard card = onFx(() -> card(partial.getId()));
        Label badge = onFx(() -> (Label) card.lookup(".status-badge"));
        assertThat(onFx(badge::getText)).isEqualTo("COMPLETED WITH ERRORS");
        assertThat(onFx(() -> badge.getPseudoClassStates()))
                .contains(PseudoClass.getPseudoClass("completed-with-errors"))
                .doesNotContain(PseudoClass.getPseudoClass("completed"));

        runFx(() -> window.viewModel().statusFilterProperty().set(StatusFilter.COMPLETED_WITH_ERRORS));
        assertThat(onFx(() -> list().getItems().stream().map(JobItem::id).toList()))
                .containsExactly(partial.getId());
        runFx(() -> window.viewModel().statusFilterProperty().set(StatusFilter.COMPLETED));
        assertThat(onFx(() -> list().getItems().stream().map(JobItem::id).toList())).doesNotContain(partial.getId());
    }

    @Test
    void aFailedJobsBarIsFullAndItsErrorsDialogCountsItsFiles() throws Exception {
        awaitFx(() -> card(failed.getId()) != null);
        ExportJobCard card = onFx(() -> card(failed.getId()));
        assertThat(onFx(() -> ((ProgressBar) card.lookup(".job-progress")).getProgress())).isEqualTo(1.0);
        assertThat(onFx(() -> ((Label) card.lookup(".job-percent")).getText())).doesNotContain("99");

        fireLater(cardButton(failed.getId(), "action-show-errors"));
        awaitFx(() -> robot.lookup(".dialog-pane .text-area").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(onFx(pane::getHeaderText)).isEqualTo("The export failed.");
        assertThat(onFx(() -> pane.getStyleClass())).contains("error");
        confirmDialog("Close");
    }
}
