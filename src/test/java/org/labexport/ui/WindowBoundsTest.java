package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import org.junit.jupiter.api.Test;
import org.labexport.settings.Settings;
import org.labexport.ui.common.WindowBounds;

/** Bounds saved on a larger monitor are shrunk and moved onto the screen the window opens on. */
class WindowBoundsTest extends WindowTestSupport {

    @Override
    void prepare() {
        Settings s = services.settingsStore().load();
        s.setWindowX(2500.0);
        s.setWindowY(-300.0);
        s.setWindowWidth(5000.0);
        s.setWindowHeight(4000.0);
        services.settingsStore().save(s);
        services.settings().setWindowX(2500.0);
        services.settings().setWindowY(-300.0);
        services.settings().setWindowWidth(5000.0);
        services.settings().setWindowHeight(4000.0);
    }

    @Test
    void savedBoundsLargerThanTheScreenAreClampedToIt() throws Exception {
        Rectangle2D screen = onFx(() -> Screen.getPrimary().getVisualBounds());
        awaitFx(() -> window.stage().isShowing());
        Rectangle2D shown = onFx(() -> new Rectangle2D(window.stage().getX(), window.stage().getY(),
                window.stage().getWidth(), window.stage().getHeight()));
        assertThat(shown.getWidth()).isLessThanOrEqualTo(screen.getWidth()).isLessThan(5000);
        assertThat(shown.getHeight()).isLessThanOrEqualTo(screen.getHeight()).isLessThan(4000);
        assertThat(shown.getMinX()).isGreaterThanOrEqualTo(screen.getMinX());
        assertThat(shown.getMinY()).isGreaterThanOrEqualTo(screen.getMinY());
        assertThat(shown.getMaxX()).isLessThanOrEqualTo(screen.getMaxX());
        assertThat(shown.getMaxY()).isLessThanOrEqualTo(screen.getMaxY());
    }

    @Test
    void clampShrinksAndMovesARectangleOntoTheScreen() {
        Rectangle2D screen = new Rectangle2D(0, 0, 1024, 640);
        assertThat(WindowBounds.clamp(900.0, 500.0, 1920, 1080, screen)).isEqualTo(new Rectangle2D(0, 0, 1024, 640));
        assertThat(WindowBounds.clamp(900.0, 500.0, 400, 300, screen)).isEqualTo(new Rectangle2D(624, 340, 400, 300));
        assertThat(WindowBounds.clamp(null, null, 400, 300, screen)).isEqualTo(new Rectangle2D(312, 170, 400, 300));
        assertThat(WindowBounds.clamp(-50.0, 20.0, 400, 300, screen)).isEqualTo(new Rectangle2D(0, 20, 400, 300));
    }
}
