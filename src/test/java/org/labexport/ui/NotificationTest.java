package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.labexport.job.ExportJob;
import org.labexport.ui.common.Theme;

/** Notifications: inside the main window, wrapped to its width, in the theme's colours. */
class NotificationTest extends WindowTestSupport {
    private static final String LONG_REASON = "The bucket 'lab-share' at https://minio.example.org:9000 refused "
            + "the upload of 2024-11-export.parquet because the access key has no write permission; ask the "
            + "administrator for a key that may write there or choose another destination.";

    @Test
    void aFailureNotificationWrapsInsideTheMainWindowInTheDarkTheme() throws Exception {
        runFx(() -> Theme.DARK.apply());
        ExportJob running = fixtures.aProcessingJob(); // made after the window started: nothing runs it
        awaitFx(() -> item(running.getId()) != null);
        services.exports().markFailed(running.getId(), LONG_REASON);

        awaitFx(() -> !window.toasts().shown().isEmpty());
        Node toast = onFx(() -> window.toasts().shown().get(0));
        assertThat(onFx(() -> toast.getScene())).as("drawn in the main window, not a popup above dialogs")
                .isSameAs(onFx(() -> window.stage().getScene()));
        awaitFx(() -> toast.getLayoutBounds().getHeight() > 0);
        Bounds b = onFx(() -> toast.localToScene(toast.getLayoutBounds()));
        double sceneWidth = onFx(() -> window.stage().getScene().getWidth());
        assertThat(b.getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(b.getMaxX()).isLessThanOrEqualTo(sceneWidth);
        assertThat(b.getWidth()).isLessThanOrEqualTo(400);

        Label message = onFx(() -> (Label) toast.lookup(".toast-message"));
        assertThat(onFx(message::getText)).contains("no write permission");
        assertThat(onFx(message::isWrapText)).isTrue();
        assertThat(onFx(() -> message.getHeight())).as("several lines").isGreaterThan(40);

        Color background = onFx(() -> (Color) ((Region) toast).getBackground().getFills().get(0).getFill());
        assertThat(background.getBrightness()).as("dark background in the dark theme").isLessThan(0.5);
        runFx(() -> Theme.LIGHT.apply());
    }
}
