package org.labexport.ui.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.labexport.ui.common.DialogService;

/** A dialog service for view-model tests that shows nothing: tests override the questions they answer. */
abstract class QuietDialogs implements DialogService {
    @Override
    public void showDetails(String title, String header, String details) {
    }

    @Override
    public List<Path> chooseFiles(String title) {
        return List.of();
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        return Optional.empty();
    }

    @Override
    public void notify(String title, String message, boolean error, String actionLabel, Runnable action) {
    }

    @Override
    public void openExternal(String uri) {
    }

    @Override
    public void copyToClipboard(String text) {
    }
}
