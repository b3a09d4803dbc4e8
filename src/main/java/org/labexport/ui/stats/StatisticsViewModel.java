package org.labexport.ui.stats;

import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import org.labexport.app.LabExportApp;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportStatistics;
import org.labexport.job.ExportStatus;
import org.labexport.ui.common.Formats;
import org.labexport.ui.common.TaskExecutor;

/** Totals and chart data of the statistics view, loaded from {@link LabExportApp#statistics()}. */
public final class StatisticsViewModel {
    private final LabExportApp app;
    private final TaskExecutor executor;
    private final ReadOnlyStringWrapper totalJobs = new ReadOnlyStringWrapper(this, "totalJobs", "…");
    private final ReadOnlyStringWrapper filesExported = new ReadOnlyStringWrapper(this, "filesExported", "…");
    private final ReadOnlyStringWrapper bytesExported = new ReadOnlyStringWrapper(this, "bytesExported", "…");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ObservableList<PieChart.Data> byStatus = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<String, Number>> byFormat = FXCollections.observableArrayList();

    public StatisticsViewModel(LabExportApp app, TaskExecutor executor) {
        this.app = app;
        this.executor = executor;
    }

    /** Reads the statistics off the FX thread. */
    public void load() {
        executor.run("statistics", app::statistics, this::show,
                e -> error.set("Could not read the statistics: " + e.getMessage()));
    }

    private void show(ExportStatistics s) {
        totalJobs.set(Long.toString(s.totalJobs()));
        filesExported.set(Long.toString(s.totalFilesExported()));
        bytesExported.set(Formats.bytes(s.totalSizeBytes()));
        byStatus.clear();
        for (ExportStatus status : ExportStatus.values()) {
            long n = s.byStatus().getOrDefault(status, 0L);
            if (n > 0) {
                byStatus.add(new PieChart.Data(status.wireName() + " (" + n + ")", n));
            }
        }
        byFormat.clear();
        for (ExportFormat f : ExportFormat.values()) {
            Map<ExportFormat, Long> counts = s.byFormat();
            byFormat.add(new XYChart.Data<>(f.displayName(), counts.getOrDefault(f, 0L)));
        }
        empty.set(s.totalJobs() == 0);
        loaded.set(true);
    }

    public ReadOnlyStringProperty totalJobsProperty() {
        return totalJobs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty filesExportedProperty() {
        return filesExported.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bytesExportedProperty() {
        return bytesExported.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** True once loaded when there are no jobs at all. */
    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Slices "status (count)" for every status with at least one job. */
    public ObservableList<PieChart.Data> byStatus() {
        return byStatus;
    }

    /** One bar per format, zeros included. */
    public ObservableList<XYChart.Data<String, Number>> byFormat() {
        return byFormat;
    }
}
