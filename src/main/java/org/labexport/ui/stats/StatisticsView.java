package org.labexport.ui.stats;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.labexport.ui.common.Theme;
import org.labexport.ui.common.WindowBounds;

/**
 * Totals (jobs, files exported, bytes) and two charts: jobs by status, in the cards' status colours, and by format
 * with whole-number ticks; a spinner while loading and a sentence when there is nothing to chart.
 */
public final class StatisticsView extends BorderPane {

    public StatisticsView(StatisticsViewModel vm) {
        setPadding(new Insets(16));
        getStyleClass().add("statistics-view");
        HBox totals = new HBox(16,
                tile("Export jobs", vm.totalJobsProperty(), "totalJobs"),
                tile("Files exported", vm.filesExportedProperty(), "filesExported"),
                tile("Bytes exported", vm.bytesExportedProperty(), "bytesExported"));
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        VBox top = new VBox(8, totals, error);
        setTop(top);

        PieChart pie = new PieChart(vm.byStatus());
        // Each slice in its status's colour, as on the job cards.
        pie.getData().addListener((javafx.collections.ListChangeListener<PieChart.Data>) c -> colour(pie));
        pie.setId("statusChart");
        pie.setTitle("Jobs by status");
        pie.setAnimated(false);
        pie.setLegendVisible(false);

        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setMinorTickVisible(false);
        y.setForceZeroInRange(true);
        // Job counts are whole numbers: no "0.5" ticks, whatever the axis's range.
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s);
            }
        });
        vm.byFormat().addListener((javafx.collections.ListChangeListener<XYChart.Data<String, Number>>) c -> {
            long max = vm.byFormat().stream().mapToLong(d -> d.getYValue().longValue()).max().orElse(0);
            y.setAutoRanging(false);
            y.setLowerBound(0);
            y.setTickUnit(Math.max(1, (long) Math.ceil(max / 8.0)));
            y.setUpperBound(Math.max(1, max + (long) y.getTickUnit() - max % (long) y.getTickUnit()));
        });
        BarChart<String, Number> bars = new BarChart<>(x, y);
        bars.setId("formatChart");
        bars.setTitle("Jobs by format");
        bars.setAnimated(false);
        bars.setLegendVisible(false);
        XYChart.Series<String, Number> series = new XYChart.Series<>("Jobs", vm.byFormat());
        bars.getData().add(series);

        HBox charts = new HBox(16, pie, bars);
        HBox.setHgrow(pie, Priority.ALWAYS);
        HBox.setHgrow(bars, Priority.ALWAYS);
        charts.visibleProperty().bind(vm.loadedProperty().and(vm.emptyProperty().not()));
        ProgressIndicator loading = new ProgressIndicator();
        loading.setMaxSize(48, 48);
        loading.visibleProperty().bind(vm.loadedProperty().not().and(vm.errorProperty().isEmpty()));
        Label empty = new Label("No exports yet: the charts fill in as you export.");
        empty.setId("statisticsEmpty");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.visibleProperty().bind(vm.loadedProperty().and(vm.emptyProperty()));
        StackPane center = new StackPane(charts, loading, empty);
        BorderPane.setMargin(center, new Insets(12, 0, 0, 0));
        setCenter(center);
    }

    private static void colour(PieChart pie) {
        for (PieChart.Data d : pie.getData()) {
            if (d.getNode() != null) {
                d.getNode().getStyleClass().removeIf(c -> c.startsWith("status-"));
                String name = d.getName();
                int cut = name.indexOf(" (");
                String status = (cut < 0 ? name : name.substring(0, cut)).replace(' ', '-');
                d.getNode().getStyleClass().add("status-" + status);
            }
        }
    }

    private static VBox tile(String title, javafx.beans.value.ObservableStringValue value, String id) {
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().add(Styles.TITLE_2);
        number.textProperty().bind(value);
        Label caption = new Label(title);
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(2, number, caption);
        box.getStyleClass().add("stat-tile");
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /** Shows the statistics in their own window. */
    public static Stage open(Window owner, StatisticsViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Statistics");
        Scene scene = new Scene(new StatisticsView(vm));
        Theme.style(scene);
        stage.setScene(scene);
        WindowBounds.fitDialog(stage, owner, 900, 560, 560, 400);
        if (owner instanceof Stage s) {
            stage.getIcons().setAll(s.getIcons());
        }
        // Shown first, filled when the numbers arrive: the window never waits for the query.
        stage.show();
        vm.load();
        return stage;
    }
}
