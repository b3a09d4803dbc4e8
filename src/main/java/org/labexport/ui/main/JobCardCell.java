package org.labexport.ui.main;

import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;

/** A list cell that holds one reusable {@link ExportJobCard}; the ListView creates only as many as are visible. */
final class JobCardCell extends ListCell<JobItem> {
    private final ExportJobCard card;

    JobCardCell(MainViewModel actions) {
        this.card = new ExportJobCard(actions);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        getStyleClass().add("job-cell");
        // The list sizes cells to the wider of its viewport and their preferred width: asking for none keeps every
        // card exactly as wide as the list, so long texts are cut instead of scrolling the list sideways.
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(JobItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
        } else {
            card.show(item);
            if (getGraphic() != card) {
                setGraphic(card);
            }
        }
    }
}
