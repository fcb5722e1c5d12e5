package org.cnncourse.models;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.cnncourse.data.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/** The course's line charts: one look (white, light grid, legend) and one way to write them (800x500 PNG, atomically). */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** An XY line chart in the course's look; callers set axes and renderer on its plot. */
    public static JFreeChart lines(String title, String xLabel, String yLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    /** Writes the chart as an 800x500 PNG; the file appears whole or not at all. */
    public static void save(JFreeChart chart, Path png) throws IOException {
        AtomicFiles.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 800, 500));
    }
}
