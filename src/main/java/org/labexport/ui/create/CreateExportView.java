package org.labexport.ui.create;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.settings.S3Profile;
import org.labexport.ui.common.DialogService;
import org.labexport.ui.common.Formats;
import org.labexport.ui.common.Theme;

/**
 * The create-export dialog: a drop zone, file table and preview on the left, the export's settings on the right, and
 * Create, enabled only while the view model reports no problem. Every field has a linked label with a mnemonic, Tab
 * moves through all of them (the description too), and Escape asks before a filled form is discarded. Binds to
 * {@link CreateExportViewModel} and delegates.
 */
public final class CreateExportView extends BorderPane {
    private final CreateExportViewModel vm;
    private final VBox dropZone;

    public CreateExportView(CreateExportViewModel vm, DialogService dialogs, Runnable close,
                            Consumer<ExportJob> created) {
        this.vm = vm;
        getStyleClass().add("create-export");
        setPadding(new Insets(16));

        // ---- left: files ----
        Label dropTitle = new Label("Drop files or folders here");
        dropTitle.getStyleClass().add(Styles.TITLE_4);
        Label dropHint = new Label("A folder adds every file inside it.");
        dropHint.getStyleClass().add(Styles.TEXT_MUTED);
        Button addFiles = new Button("Add _files...");
        addFiles.setId("addFiles");
        addFiles.setOnAction(e -> {
            List<Path> chosen = dialogs.chooseFiles("Add files to the export");
            if (!chosen.isEmpty()) {
                vm.addPaths(chosen, () -> { });
            }
        });
        Button addFolder = new Button("Add f_older...");
        addFolder.setId("addFolder");
        addFolder.setOnAction(e -> dialogs.chooseFolder("Add a folder's files to the export", null)
                .ifPresent(folder -> vm.addPaths(List.of(folder), () -> { })));
        HBox addButtons = new HBox(8, addFiles, addFolder);
        addButtons.setAlignment(Pos.CENTER);
        dropZone = new VBox(6, dropTitle, dropHint, addButtons);
        dropZone.setId("dropZone");
        dropZone.getStyleClass().add("drop-zone");
        dropZone.setAlignment(Pos.CENTER);
        dropZone.setOnDragOver(this::dragOver);
        dropZone.setOnDragExited(e -> dropZone.pseudoClassStateChanged(Styles.STATE_ACCENT, false));
        dropZone.setOnDragDropped(this::dragDropped);

        ComboBox<Dataset> datasetPicker = new ComboBox<>(vm.datasets());
        datasetPicker.setId("datasetPicker");
        datasetPicker.setPromptText("Catalog dataset");
        datasetPicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(Dataset d) {
                return d == null ? "" : d.getName() + " (" + d.getFileIds().size() + " files)";
            }

            @Override
            public Dataset fromString(String s) {
                return null;
            }
        });
        datasetPicker.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(datasetPicker, Priority.ALWAYS);
        Button addDataset = new Button("Add _dataset");
        addDataset.setId("addDataset");
        addDataset.disableProperty().bind(datasetPicker.valueProperty().isNull());
        addDataset.setOnAction(e -> vm.addDataset(datasetPicker.getValue()));
        HBox datasetRow = new HBox(6, datasetPicker, addDataset);
        TextField newDataset = new TextField();
        newDataset.setId("newDatasetName");
        newDataset.setPromptText("New dataset name");
        HBox.setHgrow(newDataset, Priority.ALWAYS);
        Button saveDataset = new Button("_Save files as dataset");
        saveDataset.setId("saveDataset");
        saveDataset.disableProperty().bind(newDataset.textProperty().isEmpty().or(Bindings.isEmpty(vm.files())));
        saveDataset.setOnAction(e -> {
            vm.saveAsDataset(newDataset.getText());
            newDataset.clear();
        });
        HBox newDatasetRow = new HBox(6, newDataset, saveDataset);

        TableView<SelectedFile> table = fileTable(vm);
        table.setPrefHeight(160);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.previewFileProperty().set(now);
            }
        });
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.files().size() + " files, "
                + Formats.bytes(vm.files().stream().mapToLong(SelectedFile::size).sum()), vm.files()));
        PreviewPane preview = new PreviewPane(vm);
        VBox.setVgrow(preview, Priority.ALWAYS);
        VBox left = new VBox(8, dropZone, datasetRow, newDatasetRow, table, count, preview);
        left.setPrefWidth(420);
        left.setMinWidth(360);

        // ---- right: settings ----
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(100);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(c0, c1);
        int row = 0;

        TextField name = new TextField();
        name.setId("name");
        name.textProperty().bindBidirectional(vm.nameProperty());
        form.addRow(row++, label("_Name", name), name);

        TextArea description = new TextArea();
        description.setId("description");
        description.setPrefRowCount(2);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        form.addRow(row++, label("D_escription", description), description);

        ComboBox<ExportFormat> format = new ComboBox<>();
        format.setId("format");
        format.getItems().setAll(ExportFormat.values());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExportFormat f) {
                return f == null ? "" : f.displayName();
            }

            @Override
            public ExportFormat fromString(String s) {
                return null;
            }
        });
        format.valueProperty().bindBidirectional(vm.formatProperty());
        form.addRow(row++, label("Fo_rmat", format), format);
        // A text area keeps Tab for itself; here Tab moves on, as in every other field (Ctrl+Tab still works).
        description.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                (e.isShiftDown() ? name : format).requestFocus();
                e.consume();
            }
        });


        CheckBox metadata = new CheckBox("Include metadata");
        metadata.setId("includeMetadata");
        metadata.selectedProperty().bindBidirectional(vm.includeMetadataProperty());
        CheckBox lineage = new CheckBox("Include lineage");
        lineage.setId("includeLineage");
        lineage.selectedProperty().bindBidirectional(vm.includeLineageProperty());
        CheckBox compress = new CheckBox("Compress (ZIP)");
        compress.setId("compress");
        compress.selectedProperty().bindBidirectional(vm.compressProperty());
        CheckBox bagit = new CheckBox("Package as BagIt + RO-Crate");
        bagit.setId("bagit");
        bagit.selectedProperty().bindBidirectional(vm.bagitProperty());
        CheckBox upload = new CheckBox("Upload the files to the lab bucket");
        upload.setId("uploadToLab");
        upload.selectedProperty().bindBidirectional(vm.uploadToLabProperty());
        // Only with a lab server: a lab worker reads the uploaded copies when it cannot see this machine's disk.
        upload.setVisible(vm.isLabMode());
        upload.setManaged(vm.isLabMode());
        javafx.scene.layout.FlowPane packaging = new javafx.scene.layout.FlowPane(14, 6, metadata, lineage, compress,
                bagit, upload);
        form.addRow(row++, label("Package", metadata), packaging);
        TextField project = new TextField();
        project.setId("projectId");
        project.setPromptText("optional");
        project.textProperty().bindBidirectional(vm.projectIdProperty());
        form.addRow(row++, label("Project", project), project);

        ComboBox<ExpiryChoice> expiry = new ComboBox<>();
        expiry.setId("expiry");
        expiry.getItems().setAll(ExpiryChoice.values());
        expiry.valueProperty().bindBidirectional(vm.expiryProperty());
        TextField hours = new TextField();
        hours.setId("customHours");
        hours.setPrefColumnCount(4);
        hours.textProperty().bindBidirectional(vm.customHoursProperty());
        Label hoursLabel = new Label("hours (" + org.labexport.job.ExpiryLimits.range() + ")");
        hours.visibleProperty().bind(vm.expiryProperty().isEqualTo(ExpiryChoice.CUSTOM));
        hours.managedProperty().bind(hours.visibleProperty());
        hoursLabel.visibleProperty().bind(hours.visibleProperty());
        hoursLabel.managedProperty().bind(hours.visibleProperty());
        HBox expiryRow = new HBox(8, expiry, hours, hoursLabel);
        expiryRow.setAlignment(Pos.CENTER_LEFT);
        form.addRow(row++, label("E_xpires after", expiry), expiryRow);

        VBox destinationBox = destination(vm, dialogs);
        form.addRow(row++, label("Des_tination", destinationBox.getChildren().get(0)), destinationBox);

        // The format's own options come last: most exports keep the defaults.
        TitledPane optionsPane = new TitledPane("Format options", new OptionsForm(vm.options(), vm.columnNames()));
        optionsPane.setId("optionsPane");
        optionsPane.setExpanded(true);
        optionsPane.textProperty().bind(Bindings.createStringBinding(() -> vm.formatProperty().get().displayName()
                + " options", vm.formatProperty()));
        form.add(optionsPane, 0, row++, 2, 1);

        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        formScroll.getStyleClass().add("edge-to-edge");
        formScroll.setPrefWidth(500);

        HBox center = new HBox(16, left, formScroll);
        HBox.setHgrow(formScroll, Priority.ALWAYS);
        setCenter(center);

        // ---- bottom: problem and buttons ----
        Label problem = new Label();
        problem.setId("problem");
        problem.getStyleClass().add(Styles.TEXT_MUTED);
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.createStringBinding(() -> !vm.problemProperty().get().isEmpty()
                ? vm.problemProperty().get() : vm.checkingProperty().get() ? "Checking the files and destination..."
                : vm.statusProperty().get(), vm.problemProperty(), vm.checkingProperty(), vm.statusProperty()));
        Button cancel = new Button("Cance_l");
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        // Escape (the cancel button) and the window's close ask before a filled form is thrown away.
        cancel.setOnAction(e -> {
            if (mayDiscard(vm, dialogs)) {
                close.run();
            }
        });
        Button create = new Button("_Create export");
        create.setId("create");
        create.getStyleClass().add(Styles.ACCENT);
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        create.setOnAction(e -> vm.create(job -> {
            created.accept(job);
            close.run();
        }));
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonBar.setButtonData(create, ButtonBar.ButtonData.OK_DONE);
        ButtonBar buttons = new ButtonBar();
        buttons.getButtons().addAll(cancel, create);
        HBox bottom = new HBox(12, problem, buttons);
        HBox.setHgrow(problem, Priority.ALWAYS);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        setBottom(bottom);
    }

    /** A form label linked to its field, with a mnemonic (Alt + the underlined letter focuses the field). */
    private static Label label(String text, javafx.scene.Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** True when the form is empty or the user agrees to throw away what is in it. */
    static boolean mayDiscard(CreateExportViewModel vm, DialogService dialogs) {
        return !vm.isFilled() || dialogs.confirm("Discard this export?",
                "The files and settings you chose for this export will be lost.", "Discard");
    }

    private static TableView<SelectedFile> fileTable(CreateExportViewModel vm) {
        TableView<SelectedFile> table = new TableView<>(vm.files());
        table.setId("files");
        table.setPlaceholder(new Label("No files yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SelectedFile, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(200);
        TableColumn<SelectedFile, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyStringWrapper(Formats.bytes(c.getValue().size())));
        size.setPrefWidth(70);
        TableColumn<SelectedFile, String> detected = new TableColumn<>("Format");
        detected.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().format().wireName()));
        detected.setPrefWidth(70);
        TableColumn<SelectedFile, SelectedFile> remove = new TableColumn<>("");
        remove.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        remove.setSortable(false);
        remove.setPrefWidth(40);
        remove.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final Button button = new Button("✕");

            {
                button.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, Styles.DANGER);
                button.setOnAction(e -> vm.remove(getItem()));
            }

            @Override
            protected void updateItem(SelectedFile item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty || item == null ? null : button);
            }
        });
        table.getColumns().addAll(List.of(name, size, detected, remove));
        return table;
    }

    private static VBox destination(CreateExportViewModel vm, DialogService dialogs) {
        ToggleGroup group = new ToggleGroup();
        RadioButton local = new RadioButton("Local folder");
        local.setId("destLocal");
        local.setToggleGroup(group);
        RadioButton s3 = new RadioButton("S3 / MinIO");
        s3.setId("destS3");
        s3.setToggleGroup(group);
        s3.setDisable(vm.s3Profiles().isEmpty());
        local.setSelected(vm.destinationKindProperty().get() == CreateExportViewModel.DestinationKind.LOCAL);
        s3.setSelected(!local.isSelected());
        group.selectedToggleProperty().addListener((o, was, now) -> vm.destinationKindProperty().set(
                now == s3 ? CreateExportViewModel.DestinationKind.S3 : CreateExportViewModel.DestinationKind.LOCAL));

        TextField folder = new TextField();
        folder.setId("localFolder");
        folder.textProperty().bindBidirectional(vm.localFolderProperty());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button("C_hoose...");
        browse.setId("chooseFolder");
        browse.setOnAction(e -> dialogs.chooseFolder("Destination folder", Path.of(vm.localFolderProperty().get()))
                .ifPresent(p -> vm.localFolderProperty().set(p.toString())));
        HBox folderRow = new HBox(6, folder, browse);
        folderRow.disableProperty().bind(s3.selectedProperty());

        ComboBox<S3Profile> profile = new ComboBox<>(vm.s3Profiles());
        profile.setId("s3Profile");
        profile.setPromptText(vm.s3Profiles().isEmpty() ? "No profiles: add one in Settings" : "Profile");
        profile.setButtonCell(profileCell());
        profile.setCellFactory(l -> profileCell());
        profile.valueProperty().bindBidirectional(vm.s3ProfileProperty());
        profile.disableProperty().bind(local.selectedProperty());
        profile.setMaxWidth(Double.MAX_VALUE);
        Label expiryNotice = new Label();
        expiryNotice.setId("expiryNotice");
        expiryNotice.setWrapText(true);
        expiryNotice.getStyleClass().add(Styles.TEXT_MUTED);
        expiryNotice.textProperty().bind(vm.expiryNoticeProperty());
        return new VBox(6, local, folderRow, s3, profile, expiryNotice);
    }

    private static ListCell<S3Profile> profileCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(S3Profile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + "  —  " + CreateExportViewModel.s3Destination(p));
            }
        };
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            dropZone.pseudoClassStateChanged(Styles.STATE_ACCENT, true);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean accepted = acceptFiles(e.getDragboard(), () -> { });
        e.setDropCompleted(accepted);
        e.consume();
    }

    /**
     * Takes the files of a drop (or any clipboard holding files). Returns false when it holds none. {@code done} runs
     * on the FX thread once folders are scanned and the rows are in the table.
     */
    public boolean acceptFiles(Clipboard content, Runnable done) {
        dropZone.pseudoClassStateChanged(Styles.STATE_ACCENT, false);
        if (!content.hasFiles()) {
            return false;
        }
        vm.addPaths(content.getFiles().stream().map(File::toPath).toList(), done);
        return true;
    }

    /** Shows the dialog, owned by the main window. */
    public static Stage open(Window owner, CreateExportViewModel vm, DialogService mainDialogs,
                             Consumer<ExportJob> created) {
        Stage stage = new Stage();
        // Questions and choosers belong to this dialog, so focus comes back to it when they close.
        DialogService dialogs = mainDialogs instanceof org.labexport.ui.common.FxDialogService fx
                ? fx.ownedBy(stage) : mainDialogs;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("New export");
        CreateExportView view = new CreateExportView(vm, dialogs, stage::close, created);
        stage.setOnCloseRequest(e -> {
            if (!mayDiscard(vm, dialogs)) {
                e.consume();
            }
        });
        Scene scene = new Scene(view, 1120, 800);
        Theme.style(scene);
        stage.setScene(scene);
        if (owner instanceof Stage s && !s.getIcons().isEmpty()) {
            stage.getIcons().setAll(s.getIcons());
        }
        vm.loadDatasets();
        stage.show();
        return stage;
    }
}
