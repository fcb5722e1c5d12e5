package org.cnncourse.models;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The course's scoreboard: every shipped network with its size, its cost per image, how fast
 * and in how much memory it trained, and what it reached. Everything is read from the zips and
 * the training histories beside them.
 */
public final class Scoreboard {
    private Scoreboard() {
    }

    /**
     * One shipped network. {@code trainingImagesPerSecond} is the median over the run's DL4J epochs
     * (NaN when the history is missing); {@code peakResidentMiB} is null for runs that did not record it.
     */
    public record Entry(String zip, ModelMetadata metadata, long parameters, long multiplyAdds,
                        double trainingImagesPerSecond, Integer peakResidentMiB, int epochsTrained) {
    }

    /** Every zip in {@code folder}, in course order (SimpleConvNet, LeNet-5, ..., the ResNets), then by name. */
    public static List<Entry> entries(Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (ShippedModelsTable.Row row : ShippedModelsTable.rows(folder)) {
            String stem = row.zip().substring(0, row.zip().length() - ".zip".length());
            List<Double> epochs = dl4jEpochs(folder.resolve(stem + "-history.csv"));
            entries.add(new Entry(row.zip(), row.metadata(), row.parameters(),
                    multiplyAdds(row.model(), row.metadata().inputShape()),
                    median(epochs), row.metadata().peakResidentMiB(), epochs.size()));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> courseOrder(e.metadata().architecture())).thenComparing(Entry::zip));
        return entries;
    }

    /** The architecture's place in the course (its lesson order); names the course does not build come last. */
    public static int courseOrder(String architecture) {
        int i = new ArrayList<>(CourseNetworks.ALL.keySet()).indexOf(architecture);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** One line per entry with the command that trained it, so that every row can be reproduced. */
    public static String commands(List<Entry> entries) {
        StringBuilder t = new StringBuilder();
        for (Entry e : entries) {
            String command = e.metadata().command();
            t.append(String.format(Locale.ROOT, "  %-24s %s%n", e.zip().replace(".zip", ""),
                    command == null ? "(the run did not record its command)" : command));
        }
        return t.toString();
    }

    /**
     * Multiply-adds of one image's forward pass through the convolutions and fully connected
     * layers (OH x OW x K x FH x FW x C for a convolution, nIn x nOut for a dense layer); pooling,
     * normalisation and activations are left out.
     */
    public static long multiplyAdds(Model model, List<Integer> inputShape) {
        InputType input = InputType.convolutional(inputShape.get(1), inputShape.get(2), inputShape.get(0));
        long total = 0;
        if (model instanceof MultiLayerNetwork net) {
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            List<InputType> outputs = conf.getLayerActivationTypes(input);
            for (int i = 0; i < outputs.size(); i++) {
                total += multiplyAdds(conf.getConf(i).getLayer(), outputs.get(i));
            }
        } else {
            ComputationGraphConfiguration conf = ((ComputationGraph) model).getConfiguration();
            Map<String, InputType> outputs = conf.getLayerActivationTypes(input);
            for (var v : conf.getVertices().entrySet()) {
                if (v.getValue() instanceof LayerVertex lv) {
                    total += multiplyAdds(lv.getLayerConf().getLayer(), outputs.get(v.getKey()));
                }
            }
        }
        return total;
    }

    static long multiplyAdds(Layer layer, InputType output) {
        if (layer instanceof ConvolutionLayer c && output instanceof InputType.InputTypeConvolutional o) {
            return o.getHeight() * o.getWidth() * c.getNOut() * c.getKernelSize()[0] * c.getKernelSize()[1] * c.getNIn();
        }
        // Only the fully connected layers: batch normalisation is a FeedForwardLayer too, with nIn = nOut = channels.
        if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
            FeedForwardLayer f = (FeedForwardLayer) layer;
            return f.getNIn() * f.getNOut();
        }
        return 0;
    }

    /** The training images/s of each DL4J epoch in a run's history; empty when there is no history. */
    static List<Double> dl4jEpochs(Path csv) throws IOException {
        return Files.isRegularFile(csv) ? TrainingHistory.imagesPerSecond(TrainingHistory.read(csv), "DL4J") : new ArrayList<>();
    }

    /** The median of the values, NaN when there are none; the list is sorted in place. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(null);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    public static String table(List<Entry> entries) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "  %-24s %-7s %11s %14s %8s %9s %6s %5s %10s %7s%n",
                "network", "data", "parameters", "mult-adds/img", "train/s", "peak RSS", "epochs", "kept", "validation", "test"));
        for (Entry e : entries) {
            ModelMetadata m = e.metadata();
            t.append(String.format(Locale.ROOT, "  %-24s %-7s %,11d %,14d %8s %9s %6s %5d %10s %6.2f%%%n",
                    e.zip().replace(".zip", ""), m.dataset(), e.parameters(), e.multiplyAdds(),
                    Double.isNaN(e.trainingImagesPerSecond()) ? "-" : String.format(Locale.ROOT, "%,.0f", e.trainingImagesPerSecond()),
                    e.peakResidentMiB() == null ? "-" : e.peakResidentMiB() + " MiB",
                    e.epochsTrained() == 0 ? "-" : Integer.toString(e.epochsTrained()), m.epochs(),
                    m.validationAccuracy() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * m.validationAccuracy()),
                    100 * m.testAccuracy()));
        }
        return t.toString();
    }

    /** Test accuracy against parameters (log scale), one labelled point per network trained on {@code dataset}. */
    public static void chart(List<Entry> entries, String dataset, Path png) throws IOException {
        XYSeries points = new XYSeries("networks");
        List<XYTextAnnotation> labels = new ArrayList<>();
        double fewest = Double.MAX_VALUE, most = 0;
        for (Entry e : entries) {
            if (e.metadata().dataset().equals(dataset)) {
                points.add(e.parameters(), 100 * e.metadata().testAccuracy());
                fewest = Math.min(fewest, e.parameters());
                most = Math.max(most, e.parameters());
                XYTextAnnotation label = new XYTextAnnotation(e.metadata().architecture(), e.parameters(),
                        100 * e.metadata().testAccuracy() + 0.25);
                labels.add(label);
            }
        }
        String name = dataset.equals("fashion") ? "Fashion-MNIST" : "the MNIST digits";
        JFreeChart chart = Charts.lines("The course's networks on " + name + ": test accuracy against size",
                "parameters", "test accuracy (%)", new XYSeriesCollection(points));
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("parameters (log scale)");
        x.setBase(10);
        x.setNumberFormatOverride(new java.text.DecimalFormat("#,###"));
        // Room on both sides for the labels, which are centred on their points.
        x.setRange(fewest / 1.6, most * 1.6);
        plot.setDomainAxis(x);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        plot.setRenderer(renderer);
        labels.forEach(plot::addAnnotation);
        chart.removeLegend();
        Charts.save(chart, png);
    }
}
