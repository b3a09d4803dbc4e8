package org.labexport.ui.main;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The main window's content: the toolbar (New export, search, Statistics, Settings, theme), the filter bar (status,
 * format, date, sort, count) and the virtualised list of job cards with an empty state. It only binds to {@link MainViewModel} and delegates.
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
    private final ToggleButton theme;
    private final TextField search;

    public MainView(MainViewModel vm, Navigator navigator, boolean dark) {
        getStyleClass().add("main-view");
        Button newExport = new Button("_New export");
        newExport.setId("newExport");
        newExport.getStyleClass().addAll("accent", "new-export");
        newExport.setTooltip(new Tooltip("New export (Ctrl+N)"));
        newExport.setOnAction(e -> navigator.newExport());

        search = new TextField();
        search.setId("search");
        search.setPromptText("Search name, job key or file (Ctrl+F)");
        search.setAccessibleText("Search exports by name, description, job key or file name");
        search.setPrefColumnCount(26);
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.SOMETIMES);

        Button stats = new Button("S_tatistics");
        stats.setId("statistics");
        stats.setOnAction(e -> navigator.statistics());
        Button settings = new Button("_Settings");
        settings.setId("settings");
        settings.setOnAction(e -> navigator.settings());
        theme = new ToggleButton("_Dark theme");
        theme.setId("theme");
        theme.setSelected(dark);
        theme.selectedProperty().addListener((o, was, isDark) -> navigator.toggleTheme(isDark));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar toolbar = new ToolBar(newExport, search, spacer, stats, settings, theme);
        toolbar.getStyleClass().add("main-toolbar");

        ComboBox<StatusFilter> filter = choice("statusFilter", "Status", StatusFilter.values(),
                vm.statusFilterProperty());
        ComboBox<FormatChoice> format = choice("formatFilter", "Format",
                FormatChoice.choices().toArray(FormatChoice[]::new), vm.formatFilterProperty());
        ComboBox<DateFilter> date = choice("dateFilter", "Created", DateFilter.values(), vm.dateFilterProperty());
        ComboBox<JobSort> sort = choice("sort", "Sort", JobSort.values(), vm.sortProperty());
        Label count = new Label();
        count.setId("jobCount");
        count.getStyleClass().addAll("job-count", "text-muted");
        count.textProperty().bind(vm.countTextProperty());
        Region filterSpacer = new Region();
        HBox.setHgrow(filterSpacer, Priority.ALWAYS);
        HBox filters = new HBox(8, label("St_atus", filter), filter, label("F_ormat", format), format,
                label("Cr_eated", date), date, label("Sort _by", sort), sort, filterSpacer, count);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.getStyleClass().add("filter-bar");
        setTop(new VBox(toolbar, filters));

        list = new ListView<>(vm.visibleJobs());
        list.setId("jobList");
        list.getStyleClass().add("job-list");
        list.setAccessibleText("Export jobs");
        list.setCellFactory(v -> new JobCardCell(vm));
        list.setPlaceholder(placeholder(vm, navigator));
        // Delete on a selected card asks to delete that job, as its Delete link does.
        list.setOnKeyPressed(e -> {
            JobItem selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.DELETE && selected != null) {
                e.consume();
                vm.delete(selected);
            }
        });
        // A job this window has just created is shown and selected, wherever the list was scrolled to.
        vm.createdProperty().addListener((o, was, made) -> {
            if (made != null && list.getItems().contains(made)) {
                list.getSelectionModel().select(made);
                list.scrollTo(made);
            }
        });
        setCenter(list);
        BorderPane.setMargin(list, new Insets(0));
    }

    private static <T> ComboBox<T> choice(String id, String name, T[] values, ObjectProperty<T> value) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(value);
        box.setAccessibleText(name);
        return box;
    }

    /** A label named for screen readers after the control it describes, with Alt+letter moving focus to it. */
    private static Label label(String text, Control target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }

    private static VBox placeholder(MainViewModel vm, Navigator navigator) {
        Label title = new Label();
        title.getStyleClass().add("title-3");
        Label hint = new Label();
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        // One placeholder for three cases: the jobs still loading, no jobs at all, or none matching the filter.
        var loading = vm.loadingProperty();
        var empty = vm.emptyProperty();
        title.textProperty().bind(javafx.beans.binding.Bindings.when(loading).then("Loading exports\u2026")
                .otherwise(javafx.beans.binding.Bindings.when(empty).then("No exports yet")
                        .otherwise("No exports match")));
        hint.textProperty().bind(javafx.beans.binding.Bindings.when(loading).then("")
                .otherwise(javafx.beans.binding.Bindings.when(empty)
                        .then("Drag data files onto this window or click New export to choose files, pick a format "
                                + "and start your first export.")
                        .otherwise("Change the filters or the search text to see other exports.")));
        hint.managedProperty().bind(hint.visibleProperty());
        hint.visibleProperty().bind(loading.not());
        Button start = new Button("New export");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> navigator.newExport());
        start.visibleProperty().bind(empty.and(loading.not()));
        VBox box = new VBox(12, title, hint, start);
        box.setAlignment(Pos.CENTER);
        box.setId("emptyState");
        box.getStyleClass().add("empty-state");
        return box;
    }

    /** Shows the theme chosen elsewhere (the settings) on the toolbar's toggle. */
    public void showDark(boolean dark) {
        theme.setSelected(dark);
    }

    /** Moves the keyboard focus to the search field and selects its text (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public TextField search() {
        return search;
    }

    public ListView<JobItem> list() {
        return list;
    }
}
