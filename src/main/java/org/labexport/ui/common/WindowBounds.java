package org.labexport.ui.common;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Keeps windows on the screen: saved bounds from a larger monitor are shrunk and moved onto the current one, and a
 * dialog opens no larger than the screen its owner is on, so its buttons are never below the screen's edge.
 */
public final class WindowBounds {
    /** Room left around a dialog that fills the screen (task bars, title bar). */
    private static final double MARGIN = 24;

    private WindowBounds() {
    }

    /**
     * The rectangle {@code (x, y, w, h)} made to fit {@code screen}: no larger than it, and moved inside it. A null
     * position means "centre it".
     */
    public static Rectangle2D clamp(Double x, Double y, double w, double h, Rectangle2D screen) {
        double width = Math.min(w, screen.getWidth());
        double height = Math.min(h, screen.getHeight());
        double left = x == null ? screen.getMinX() + (screen.getWidth() - width) / 2 : x;
        double top = y == null ? screen.getMinY() + (screen.getHeight() - height) / 2 : y;
        left = Math.max(screen.getMinX(), Math.min(left, screen.getMaxX() - width));
        top = Math.max(screen.getMinY(), Math.min(top, screen.getMaxY() - height));
        return new Rectangle2D(left, top, width, height);
    }

    /** The visual bounds of the screen showing most of the rectangle, or of the primary screen. */
    public static Rectangle2D screenFor(Double x, Double y, double w, double h) {
        if (x != null && y != null) {
            List<Screen> screens = Screen.getScreensForRectangle(x, y, Math.max(1, w), Math.max(1, h));
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /** Sizes a dialog to its preferred size or the owner's screen less a margin, whichever is smaller. */
    public static void fitDialog(Stage dialog, Window owner, double prefWidth, double prefHeight,
                                 double minWidth, double minHeight) {
        Rectangle2D screen = owner == null ? Screen.getPrimary().getVisualBounds()
                : screenFor(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
        double w = Math.min(prefWidth, screen.getWidth() - MARGIN);
        double h = Math.min(prefHeight, screen.getHeight() - MARGIN);
        dialog.setWidth(w);
        dialog.setHeight(h);
        dialog.setMinWidth(Math.min(minWidth, w));
        dialog.setMinHeight(Math.min(minHeight, h));
    }
}
