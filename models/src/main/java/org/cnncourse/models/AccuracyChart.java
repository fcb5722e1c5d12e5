package org.cnncourse.models;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The lecture's plot: train and test accuracy against epochs, y from 0 to 1, as a PNG. */
public final class AccuracyChart {
    private AccuracyChart() {
    }

    /** One line per named history, train solid and test dashed. */
    public static void write(String title, List<String> names, List<List<EpochResult>> histories, Path png)
            throws IOException {
        write(title, names, histories, "test", png);
    }

    /** The same, naming the held-out accuracy ("test", or "validation" when the run held images out). */
    public static void write(String title, List<String> names, List<List<EpochResult>> histories, String heldOutName,
                             Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < names.size(); i++) {
            XYSeries train = new XYSeries(names.get(i) + " train");
            XYSeries test = new XYSeries(names.get(i) + " " + heldOutName);
            for (EpochResult r : histories.get(i)) {
                train.add(r.epoch(), r.trainAccuracy());
                test.add(r.epoch(), r.testAccuracy());
            }
            data.addSeries(train);
            data.addSeries(test);
        }
        JFreeChart chart = Charts.lines(title, "epochs", "accuracy", data);
        XYPlot plot = chart.getXYPlot();
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0.0, 1.0);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colours[(i / 2) % colours.length]);
            renderer.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        }
        plot.setRenderer(renderer);
        Charts.save(chart, png);
    }
}
