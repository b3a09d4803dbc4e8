package org.labexport.ui.settings;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
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
import org.labexport.ui.common.DialogService;
import org.labexport.ui.common.Theme;
import org.labexport.ui.common.WindowBounds;

/** The settings window: general settings on top, S3/MinIO profiles below with an editor and Test connection. */
public final class SettingsView extends BorderPane {

    public SettingsView(SettingsViewModel vm, DialogService dialogs, Runnable close) {
        setPadding(new Insets(16));
        getStyleClass().add("settings-view");

        GridPane general = grid();
        TextField folder = new TextField();
        folder.setId("defaultFolder");
        folder.setPromptText("LABEXPORT_HOME/exports");
        folder.textProperty().bindBidirectional(vm.defaultFolderProperty());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button("C_hoose...");
        browse.setAccessibleText("Choose the default destination folder");
        browse.setOnAction(e -> dialogs.chooseFolder("Default destination folder",
                vm.defaultFolderProperty().get().isBlank() ? null : Path.of(vm.defaultFolderProperty().get()))
                .ifPresent(p -> vm.defaultFolderProperty().set(p.toString())));
        general.addRow(0, label("Default _folder", folder), new HBox(6, folder, browse));
        Spinner<Integer> jobs = new Spinner<>(1, 16, vm.maxConcurrentJobsProperty().get());
        jobs.setId("maxConcurrentJobs");
        jobs.getValueFactory().valueProperty().bindBidirectional(vm.maxConcurrentJobsProperty());
        general.addRow(1, label("_Jobs at once", jobs), jobs);
        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("themeChoice");
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        general.addRow(2, label("The_me", theme), theme);
        ComboBox<String> defaultProfile = new ComboBox<>();
        defaultProfile.setId("defaultProfile");
        defaultProfile.setPromptText("first profile");
        Runnable names = () -> {
            String chosen = vm.defaultProfileProperty().get();
            defaultProfile.getItems().setAll(vm.profiles().stream().map(d -> d.nameProperty().get()).toList());
            defaultProfile.setValue(chosen);
        };
        names.run();
        vm.profiles().addListener((javafx.collections.ListChangeListener<ProfileDraft>) c -> names.run());
        defaultProfile.setOnShowing(e -> names.run());
        defaultProfile.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.defaultProfileProperty().set(now);
            }
        });
        general.addRow(3, label("Default S_3 profile", defaultProfile), defaultProfile);

        ListView<ProfileDraft> list = new ListView<>(vm.profiles());
        list.setId("profiles");
        list.setPrefWidth(180);
        list.setMinHeight(80);
        // As tall as the editor beside it, not a ListView's default 400 pixels that pushed Add and Remove away.
        list.setPrefHeight(110);
        list.setAccessibleText("S3 profiles");
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> list.getSelectionModel().select(now));
        list.getSelectionModel().select(vm.selectedProperty().get());
        Button add = new Button("_Add");
        add.setId("addProfile");
        add.setOnAction(e -> vm.addProfile());
        Button remove = new Button("_Remove");
        remove.setId("removeProfile");
        remove.getStyleClass().add(Styles.DANGER);
        remove.disableProperty().bind(vm.selectedProperty().isNull());
        remove.setOnAction(e -> vm.removeSelected());
        VBox listBox = new VBox(6, list, new HBox(6, add, remove));
        VBox.setVgrow(list, Priority.ALWAYS);

        GridPane editor = grid();
        TextField name = new TextField();
        name.setId("profileName");
        TextField endpoint = new TextField();
        endpoint.setId("profileEndpoint");
        endpoint.setPromptText("http://localhost:9000");
        TextField access = new TextField();
        access.setId("profileAccessKey");
        PasswordField secret = new PasswordField();
        secret.setId("secretKey");
        TextField region = new TextField();
        region.setId("profileRegion");
        region.setPromptText("us-east-1");
        TextField bucket = new TextField();
        bucket.setId("profileBucket");
        TextField prefix = new TextField();
        prefix.setId("profilePrefix");
        prefix.setPromptText("exports/");
        // Two fields a row: the whole profile, with Test connection, fits a 640-pixel-high window.
        editor.getColumnConstraints().addAll(labelColumn(), fieldColumn());
        editor.addRow(0, label("_Name", name), name, label("_Endpoint", endpoint), endpoint);
        editor.addRow(1, label("Access _key", access), access, label("Secret ke_y", secret), secret);
        editor.addRow(2, label("_Bucket", bucket), bucket, label("_Prefix", prefix), prefix);
        editor.addRow(3, label("Re_gion", region), region);
        Button test = new Button("_Test connection");
        test.setId("testConnection");
        test.setOnAction(e -> vm.testConnection());
        editor.add(test, 3, 3);
        editor.disableProperty().bind(vm.selectedProperty().isNull());
        vm.selectedProperty().addListener((o, was, now) -> {
            if (was != null) {
                name.textProperty().unbindBidirectional(was.nameProperty());
                endpoint.textProperty().unbindBidirectional(was.endpointProperty());
                access.textProperty().unbindBidirectional(was.accessKeyProperty());
                secret.textProperty().unbindBidirectional(was.newSecretProperty());
                region.textProperty().unbindBidirectional(was.regionProperty());
                bucket.textProperty().unbindBidirectional(was.bucketProperty());
                prefix.textProperty().unbindBidirectional(was.prefixProperty());
            }
            bind(now, name, endpoint, access, secret, region, bucket, prefix, list);
        });
        bind(vm.selectedProperty().get(), name, endpoint, access, secret, region, bucket, prefix, list);

        HBox profilesBox = new HBox(12, listBox, editor);
        HBox.setHgrow(editor, Priority.ALWAYS);
        TitledPane profilesPane = new TitledPane("S3 / MinIO profiles", profilesBox);
        profilesPane.setCollapsible(false);
        TitledPane generalPane = new TitledPane("General", general);
        generalPane.setCollapsible(false);
        // The form scrolls when the window is short; the status and the buttons below it always stay in view.
        ScrollPane form = new ScrollPane(new VBox(12, generalPane, profilesPane, labServerPane(vm)));
        form.setId("settingsForm");
        form.setFitToWidth(true);
        form.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        form.getStyleClass().add("edge-to-edge");
        setCenter(form);

        Label status = new Label();
        status.setId("settingsStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Button cancel = new Button("_Close");
        cancel.setId("closeSettings");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close.run());
        Button save = new Button("_Save");
        save.setId("saveSettings");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setOnAction(e -> vm.save(close));
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonBar.setButtonData(save, ButtonBar.ButtonData.OK_DONE);
        ButtonBar buttons = new ButtonBar();
        buttons.getButtons().addAll(cancel, save);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox bottom = new HBox(12, status, buttons);
        HBox.setHgrow(status, Priority.ALWAYS);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        setBottom(bottom);
    }

    /** Shared lab mode: the lab's PostgreSQL server and where files are shared (used from the next start). */
    private static TitledPane labServerPane(SettingsViewModel vm) {
        GridPane lab = grid();
        TextField url = new TextField();
        url.setId("labDatabaseUrl");
        url.setPromptText("jdbc:postgresql://labserver:5432/labexport (empty: this workstation only)");
        url.textProperty().bindBidirectional(vm.labDatabaseUrlProperty());
        TextField user = new TextField();
        user.setId("labUser");
        user.textProperty().bindBidirectional(vm.labUserProperty());
        PasswordField password = new PasswordField();
        password.setId("labPassword");
        password.setPromptText("leave empty to keep the saved password");
        password.textProperty().bindBidirectional(vm.labPasswordProperty());
        TextField files = new TextField();
        files.setId("labFiles");
        files.setPromptText("s3://lab-files/catalog");
        files.textProperty().bindBidirectional(vm.labFilesProperty());
        TextField output = new TextField();
        output.setId("labOutput");
        output.setPromptText("s3://lab-exports/exports or a shared folder");
        output.textProperty().bindBidirectional(vm.labOutputProperty());
        lab.addRow(0, new Label("Database URL"), url);
        lab.addRow(1, new Label("User"), user);
        lab.addRow(2, new Label("Password"), password);
        lab.addRow(3, new Label("Uploaded files"), files);
        lab.addRow(4, new Label("Lab output"), output);
        TitledPane pane = new TitledPane("Lab server", lab);
        pane.setExpanded(vm.labDatabaseUrlProperty().get() != null && !vm.labDatabaseUrlProperty().get().isBlank());
        return pane;
    }

    private static void bind(ProfileDraft d, TextField name, TextField endpoint, TextField access,
                             PasswordField secret, TextField region, TextField bucket, TextField prefix,
                             ListView<ProfileDraft> list) {
        if (d == null) {
            for (TextField f : new TextField[] {name, endpoint, access, secret, region, bucket, prefix}) {
                f.setText("");
            }
            return;
        }
        name.textProperty().bindBidirectional(d.nameProperty());
        endpoint.textProperty().bindBidirectional(d.endpointProperty());
        access.textProperty().bindBidirectional(d.accessKeyProperty());
        secret.textProperty().bindBidirectional(d.newSecretProperty());
        secret.setPromptText(d.hasSavedSecret() ? "saved (type to replace)" : "secret key");
        region.textProperty().bindBidirectional(d.regionProperty());
        bucket.textProperty().bindBidirectional(d.bucketProperty());
        prefix.textProperty().bindBidirectional(d.prefixProperty());
        // The list shows names; refresh it when a name is edited.
        d.nameProperty().addListener((o, was, now) -> list.refresh());
    }

    /** A field's label: names the field for screen readers and moves focus to it with Alt+its letter. */
    private static Label label(String text, Control field) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(field);
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.getColumnConstraints().addAll(labelColumn(), fieldColumn());
        return g;
    }

    private static ColumnConstraints labelColumn() {
        ColumnConstraints c = new ColumnConstraints();
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    private static ColumnConstraints fieldColumn() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setMinWidth(80);
        return c;
    }

    /** Shows the settings window, owned by the main window. */
    public static Stage open(Window owner, SettingsViewModel vm, DialogService dialogs) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Settings");
        Scene scene = new Scene(new SettingsView(vm, dialogs, stage::close));
        Theme.style(scene);
        stage.setScene(scene);
        WindowBounds.fitDialog(stage, owner, 780, 680, 560, 400);
        if (owner instanceof Stage s) {
            stage.getIcons().setAll(s.getIcons());
        }
        stage.show();
        return stage;
    }
}
