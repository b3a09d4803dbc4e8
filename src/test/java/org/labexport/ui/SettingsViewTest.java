package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;
import org.labexport.testing.S3TestServer;

/** The settings window: S3 profiles with a real connection test, secrets never shown again, window bounds kept. */
class SettingsViewTest extends WindowTestSupport {
    private static final String SECRET = S3TestServer.SECRET_KEY;

    private void openSettings() throws Exception {
        runFx(() -> robot.lookup("#settings").queryButton().fire());
        awaitFx(() -> robot.lookup("#addProfile").tryQuery().isPresent());
    }

    private void text(String id, String value) throws Exception {
        TextField f = robot.lookup("#" + id).queryAs(TextField.class);
        runFx(() -> f.setText(value));
    }

    private void fillProfile(String endpoint, String secret) throws Exception {
        runFx(() -> robot.lookup("#addProfile").queryButton().fire());
        text("profileName", "lab-minio");
        text("profileEndpoint", endpoint);
        text("profileAccessKey", S3TestServer.ACCESS_KEY);
        text("secretKey", secret);
        text("profileBucket", "exports");
        text("profilePrefix", "weekly");
    }

    private String status() throws Exception {
        return onFx(() -> robot.lookup("#settingsStatus").queryAs(Label.class).getText());
    }

    @Test
    void testConnectionReachesARealBucketAndReportsAWrongSecret() throws Exception {
        try (S3TestServer s3 = S3TestServer.start()) {
            s3.createBucket("exports");
            openSettings();
            fillProfile(s3.endpoint(), SECRET);
            runFx(() -> robot.lookup("#testConnection").queryButton().fire());
            awaitFx(() -> status().contains("reachable"));
            assertThat(status()).contains("exports");

            text("secretKey", "not-the-secret");
            runFx(() -> robot.lookup("#testConnection").queryButton().fire());
            awaitFx(() -> status().startsWith("Connection failed"));
            assertThat(status()).doesNotContain("not-the-secret");
        }
    }

    @Test
    void aSavedSecretIsNeverShownAgainNorLoggedAndIsKeptWhenLeftEmpty() throws Exception {
        openSettings();
        fillProfile("http://localhost:9000", SECRET);
        runFx(() -> robot.lookup("#saveSettings").queryButton().fire());
        await().atMost(PATIENCE).until(() -> services.settingsStore().load().getS3Profiles().size() == 1);
        S3Profile saved = services.settingsStore().load().getS3Profiles().get(0);
        assertThat(saved.secretKey()).isEqualTo(SECRET);
        assertThat(saved.bucket()).isEqualTo("exports");

        openSettings();
        PasswordField secret = robot.lookup("#secretKey").queryAs(PasswordField.class);
        assertThat(onFx(() -> secret.getText())).isEmpty();
        assertThat(onFx(() -> secret.getPromptText())).contains("saved");
        text("profileBucket", "exports-2");
        runFx(() -> robot.lookup("#saveSettings").queryButton().fire());
        await().atMost(PATIENCE).until(() -> "exports-2".equals(
                services.settingsStore().load().getS3Profiles().get(0).bucket()));
        assertThat(services.settingsStore().load().getS3Profiles().get(0).secretKey()).isEqualTo(SECRET);

        assertThat(filesContaining(services.home().root(), SECRET))
                .as("files holding the secret").containsExactly(services.home().settingsFile());
    }

    @Test
    void windowSizeAndPositionAreRememberedOnClose() throws Exception {
        runFx(() -> {
            window.stage().setWidth(1011);
            window.stage().setHeight(707);
        });
        runFx(() -> window.stage().close());
        await().atMost(PATIENCE).until(() -> {
            Settings s = services.settingsStore().load();
            return s.getWindowWidth() != null && s.getWindowWidth() == 1011 && s.getWindowHeight() == 707;
        });
    }

    @Test
    void theSettingsButtonsAndTestResultStayInTheWindowAt1024x640AndWhenShrunk() throws Exception {
        runFx(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(640);
        });
        javafx.stage.Stage settings = onFx(() -> window.openSettings());
        awaitFx(() -> settings.isShowing());
        runFx(() -> {
            settings.setWidth(1024);
            settings.setHeight(640);
        });
        for (String id : List.of("saveSettings", "closeSettings", "testConnection", "addProfile", "removeProfile",
                "settingsStatus")) {
            awaitFx(() -> inside(settings, id));
        }
        // At its smallest the form scrolls, and Save and Close are still in view.
        runFx(() -> {
            settings.setWidth(settings.getMinWidth());
            settings.setHeight(settings.getMinHeight());
        });
        for (String id : List.of("saveSettings", "closeSettings", "settingsStatus")) {
            awaitFx(() -> inside(settings, id));
        }
        assertThat(onFx(() -> settings.getMinHeight())).isLessThanOrEqualTo(640);
    }

    /** Whether the node is shown and lies wholly inside the window's scene, after a layout pass. */
    private static boolean inside(javafx.stage.Stage stage, String id) {
        javafx.scene.Scene scene = stage.getScene();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        javafx.scene.Node n = scene.lookup("#" + id);
        if (n == null || !n.isVisible()) {
            return false;
        }
        javafx.geometry.Bounds b = n.localToScene(n.getBoundsInLocal());
        return b.getWidth() > 0 && b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= scene.getWidth()
                && b.getMaxY() <= scene.getHeight();
    }

    @Test
    void settingsLabelsNameTheirFieldsAndThemesAreNamedInWords() throws Exception {
        openSettings();
        runFx(() -> robot.lookup("#addProfile").queryButton().fire());
        for (String id : List.of("profileName", "profileEndpoint", "secretKey", "profileBucket", "defaultFolder")) {
            javafx.scene.Node field = robot.lookup("#" + id).query();
            assertThat(onFx(() -> robot.lookup(".label").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getLabelFor() == field))).as("a label for #%s", id).isTrue();
        }
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Object> theme = robot.lookup("#themeChoice").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(onFx(() -> theme.getItems().stream().map(String::valueOf).toList())).containsExactly("Light", "Dark");
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
