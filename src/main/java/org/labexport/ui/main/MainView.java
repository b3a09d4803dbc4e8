package org.labexport.ui.main;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The main window's content: the toolbar (New export, status filter, search, Statistics, Settings, theme) and the
 * virtualised list of job cards with an empty state. It only binds to {@link MainViewModel} and delegates.
 */
public final class MainView extends BorderPane {

    /** What the toolbar buttons open; the window wires it. */
    public interface Navigator {
        void newExport();

        void statistics();

        void settings();

        void toggleTheme(boolean dark);
    }

    private final ListView<JobItem> list;

    public MainView(MainViewModel vm, Navigator navigator, boolean dark) {
        getStyleClass().add("main-view");
        Button newExport = new Button("New export");
        newExport.setId("newExport");
        newExport.getStyleClass().add("accent");
        newExport.setDefaultButton(false);
        newExport.setOnAction(e -> navigator.newExport());

        ComboBox<StatusFilter> filter = new ComboBox<>();
        filter.setId("statusFilter");
        filter.getItems().setAll(StatusFilter.values());
        filter.valueProperty().bindBidirectional(vm.statusFilterProperty());

        TextField search = new TextField();
        search.setId("search");
        search.setPromptText("Search name or description");
        search.setPrefColumnCount(22);
        search.textProperty().bindBidirectional(vm.searchProperty());

        Button stats = new Button("Statistics");
        stats.setId("statistics");
        stats.setOnAction(e -> navigator.statistics());
        Button settings = new Button("Settings");
        settings.setId("settings");
        settings.setOnAction(e -> navigator.settings());
        ToggleButton theme = new ToggleButton("Dark");
        theme.setId("theme");
        theme.setSelected(dark);
        theme.selectedProperty().addListener((o, was, isDark) -> navigator.toggleTheme(isDark));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar toolbar = new ToolBar(newExport, filter, search, spacer, stats, settings, theme);
        setTop(toolbar);

        list = new ListView<>(vm.visibleJobs());
        list.setId("jobList");
        list.getStyleClass().add("job-list");
        list.setCellFactory(v -> new JobCardCell(vm));
        list.setPlaceholder(placeholder(vm, navigator));
        setCenter(list);
        BorderPane.setMargin(list, new Insets(0));
    }

    private static VBox placeholder(MainViewModel vm, Navigator navigator) {
        Label title = new Label();
        title.getStyleClass().add("title-3");
        Label hint = new Label();
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        // One placeholder for two cases: no jobs at all, or none matching the filter.
        title.textProperty().bind(javafx.beans.binding.Bindings.when(vm.emptyProperty())
                .then("No exports yet").otherwise("No exports match"));
        hint.textProperty().bind(javafx.beans.binding.Bindings.when(vm.emptyProperty())
                .then("Drag data files onto this window or click New export to choose files, pick a format and "
                        + "start your first export.")
                .otherwise("Change the status filter or the search text to see other exports."));
        Button start = new Button("New export");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> navigator.newExport());
        start.visibleProperty().bind(vm.emptyProperty());
        VBox box = new VBox(12, title, hint, start);
        box.setAlignment(Pos.CENTER);
        box.setId("emptyState");
        box.getStyleClass().add("empty-state");
        return box;
    }

    public ListView<JobItem> list() {
        return list;
    }
}
