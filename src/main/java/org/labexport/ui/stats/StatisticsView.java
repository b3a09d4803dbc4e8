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
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.labexport.ui.common.Theme;

/** Totals (jobs, files exported, bytes) and two charts: jobs by status and by format. */
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
        pie.setId("statusChart");
        pie.setTitle("Jobs by status");
        pie.setAnimated(false);
        pie.setLegendVisible(false);

        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setMinorTickVisible(false);
        y.setTickUnit(1);
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
        BorderPane.setMargin(charts, new Insets(12, 0, 0, 0));
        setCenter(charts);
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
        Scene scene = new Scene(new StatisticsView(vm), 900, 520);
        Theme.style(scene);
        stage.setScene(scene);
        if (owner instanceof Stage s) {
            stage.getIcons().setAll(s.getIcons());
        }
        vm.load();
        stage.show();
        return stage;
    }
}
