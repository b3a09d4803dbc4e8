package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.chart.PieChart;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/** The statistics of a home without jobs: a sentence, not empty charts. */
class StatisticsViewTest extends WindowTestSupport {

    @Test
    void withoutJobsTheStatisticsSayThereIsNothingToChartYet() throws Exception {
        fireLater(robot.lookup("#statistics").queryButton());
        awaitFx(() -> robot.lookup("#statisticsEmpty").tryQuery().isPresent()
                && robot.lookup("#statisticsEmpty").query().isVisible());
        assertThat(onFx(() -> robot.lookup("#statisticsEmpty").queryAs(Label.class).getText())).contains("No exports");
        assertThat(onFx(() -> robot.lookup("#totalJobs").queryAs(Label.class).getText())).isEqualTo("0");
        assertThat(onFx(() -> robot.lookup("#statusChart").queryAs(PieChart.class).getParent().isVisible())).isFalse();
    }
}
