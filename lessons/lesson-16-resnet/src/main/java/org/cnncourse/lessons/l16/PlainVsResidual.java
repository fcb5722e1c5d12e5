package org.cnncourse.lessons.l16;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.models.Charts;
import org.cnncourse.models.Dl4jTrainable;
import org.cnncourse.models.EpochResult;
import org.cnncourse.models.TrainingLoop;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Why residual learning helps, measured: a deep plain stack of 3x3 convolutions against the
 * same stack with a skip connection around every pair of them. Same layers, same
 * initialisation, same batches; the only difference is the {@code + x}.
 */
public final class PlainVsResidual {
    private PlainVsResidual() {
    }

    /**
     * @param blocks   pairs of 3x3 convolutions after the stem (depth = 2 * blocks + 2 weight layers)
     * @param width    channels of every convolution
     * @param epochs   epochs over the training images
     * @param probeEvery measure the first layer's gradient every this many batches
     */
    public record Setup(int blocks, int width, int trainImages, int testImages, int epochs, int batchSize,
                        double learningRate, int probeEvery, long seed) {
        public int weightLayers() {
            return 2 * blocks + 2;
        }
    }

    /** What one network did: the first layer's gradient norm over training, and where it ended. */
    public record Run(String name, List<Integer> probeBatches, List<Double> firstLayerGradientNorms,
                      double[] gradientNormPerConv, double trainLoss, double testAccuracy) {
    }

    /** The lesson's setting: 30 weight layers, 8 channels, 2 epochs over 2,000 images (about 45 s for both). */
    public static Setup lessonSetup() {
        int blocks = 14, width = 8, trainImages = 2000, testImages = 2000, epochs = 2, batchSize = 50, probeEvery = 10;
        double learningRate = 0.05;
        long seed = 16;
        return new Setup(blocks, width, trainImages, testImages, epochs, batchSize, learningRate, probeEvery, seed);
    }

    /**
     * stem: 3x3 stride-2 conv - BN - ReLU and a 2x2 max pool (28x28 -> 7x7); then {@code blocks}
     * times: conv - BN - ReLU - conv - BN (+ the block's input when {@code residual}) - ReLU;
     * global average pooling; softmax. Batch normalisation in both, as in He et al.'s plain
     * baselines: the skip connections are the only difference.
     */
    public static ComputationGraphConfiguration network(boolean residual, Setup s) {
        var g = new NeuralNetConfiguration.Builder().seed(s.seed()).dataType(DataType.FLOAT)
                .updater(new Nesterovs(s.learningRate(), 0.9)).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("conv0", conv(2, s.width()), "input")
                .addLayer("conv0_bn", new BatchNormalization.Builder().build(), "conv0")
                .addLayer("conv0_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "conv0_bn")
                .addLayer("pool0", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "conv0_relu");
        String last = "pool0";
        for (int b = 1; b <= s.blocks(); b++) {
            String a = "conv" + (2 * b - 1), c = "conv" + (2 * b);
            g.addLayer(a, conv(1, s.width()), last);
            g.addLayer(a + "_bn", new BatchNormalization.Builder().build(), a);
            g.addLayer(a + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), a + "_bn");
            g.addLayer(c, conv(1, s.width()), a + "_relu");
            g.addLayer(c + "_bn", new BatchNormalization.Builder().build(), c);
            String sum = c + "_bn";
            if (residual) {
                sum = "add" + b;
                g.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), c + "_bn", last);
            }
            last = "relu" + b;
            g.addLayer(last, new ActivationLayer.Builder().activation(Activation.RELU).build(), sum);
        }
        return g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "avgpool")
                .setOutputs("output").build();
    }

    private static ConvolutionLayer conv(int stride, int out) {
        return new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(out).hasBias(false)
                .activation(Activation.IDENTITY).build();
    }

    /**
     * Trains one network on the first images of {@code train}; probes its first layer's gradient on a fixed batch.
     * On one thread, so that the printed accuracies do not depend on the thread count.
     */
    public static Run train(boolean residual, Setup s, ImageSet train, ImageSet test) {
        return org.cnncourse.lessons.support.Nd4jThreads.onOne(() -> trainHere(residual, s, train, test));
    }

    private static Run trainHere(boolean residual, Setup s, ImageSet train, ImageSet test) {
        ComputationGraph net = new ComputationGraph(network(residual, s));
        net.init();
        DataSetIterator probeIt = Pipelines.iterator(org.cnncourse.data.ImageSets.first(train, s.batchSize()),
                PipelineOptions.evaluation(s.batchSize()));
        DataSet probe = Dl4jPrecision.asFloat(probeIt.next());
        int convs = s.weightLayers() - 1;
        double[] perConv = new double[convs];
        gradientNorm(net, probe);
        for (int i = 0; i < convs; i++) {
            perConv[i] = net.gradient().getGradientFor("conv" + i + "_W").norm2Number().doubleValue();
        }
        List<Integer> at = new ArrayList<>();
        List<Double> norms = new ArrayList<>();
        at.add(0);
        norms.add(perConv[0]);
        // The course's TrainingLoop, without checkpoints; the first layer's gradient is probed
        // every probeEvery batches on the way.
        Dl4jTrainable inner = new Dl4jTrainable(net);
        int[] batch = {0};
        org.cnncourse.models.Trainable probed = new org.cnncourse.models.Trainable() {
            @Override
            public double fitBatch(DataSet b) {
                double loss = inner.fitBatch(b);
                if (++batch[0] % s.probeEvery() == 0) {
                    at.add(batch[0]);
                    norms.add(gradientNorm(net, probe));
                }
                return loss;
            }

            @Override
            public double accuracy(DataSetIterator data) {
                return inner.accuracy(data);
            }

            @Override
            public void saveCheckpoint(java.nio.file.Path dir) throws java.io.IOException {
                inner.saveCheckpoint(dir);
            }

            @Override
            public void loadCheckpoint(java.nio.file.Path dir) throws java.io.IOException {
                inner.loadCheckpoint(dir);
            }
        };
        TrainingLoop.Options options = new TrainingLoop.Options(s.epochs(), s.batchSize(), s.seed(), s.batchSize(),
                PipelineOptions.training(s.batchSize(), s.seed()), null, false, false);
        List<EpochResult> history = Dl4jPrecision.inFloat(() -> {
            try {
                return TrainingLoop.run(residual ? "residual" : "plain", probed,
                        org.cnncourse.data.ImageSets.first(train, s.trainImages()),
                        org.cnncourse.data.ImageSets.first(test, s.testImages()), options, TrainingLoop.SILENT);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        EpochResult last = history.get(history.size() - 1);
        return new Run(residual ? "residual" : "plain", at, norms, perConv, last.trainLoss(), last.testAccuracy());
    }

    /** The norm of dL/dW of the first convolution for one fixed batch, without changing the network. */
    static double gradientNorm(ComputationGraph net, DataSet probe) {
        net.setInput(0, probe.getFeatures());
        net.setLabels(probe.getLabels());
        net.computeGradientAndScore();
        return net.gradient().getGradientFor("conv0_W").norm2Number().doubleValue();
    }

    /** The gradient norm of every convolution at initialisation, first to last, both networks, log scale. */
    public static void perLayerChart(Setup s, List<Run> runs, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Run r : runs) {
            XYSeries series = new XYSeries(r.name());
            for (int i = 0; i < r.gradientNormPerConv().length; i++) {
                series.add((double) i, (double) Math.max(r.gradientNormPerConv()[i], 1e-12));
            }
            data.addSeries(series);
        }
        save(Charts.lines(s.weightLayers() + " weight layers at initialisation: gradient per convolution",
                "convolution (0 = first, next to the input)", "", data), "||dL/dW|| (log scale)", true, png);
    }

    /** The first layer's gradient norm against batches trained, both networks, log scale. */
    public static void chart(Setup s, List<Run> runs, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Run r : runs) {
            XYSeries series = new XYSeries(String.format(java.util.Locale.ROOT, "%s (test accuracy %.1f%%)", r.name(),
                    100 * r.testAccuracy()));
            for (int i = 0; i < r.probeBatches().size(); i++) {
                series.add((double) r.probeBatches().get(i), (double) Math.max(r.firstLayerGradientNorms().get(i), 1e-12));
            }
            data.addSeries(series);
        }
        save(Charts.lines(s.weightLayers() + " weight layers: gradient at the first layer during training",
                "batches trained", "", data), "||dL/dW|| of the first convolution (log scale)", false, png);
    }

    private static void save(JFreeChart chart, String logAxisLabel, boolean shapes, Path png) throws IOException {
        XYPlot plot = chart.getXYPlot();
        LogAxis y = new LogAxis(logAxisLabel);
        // Plain values on the ticks, not 10^2.1.
        y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.##"));
        plot.setRangeAxis(y);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        Color[] colours = {new Color(0xd62728), new Color(0x1f77b4)};
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colours[i % colours.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        Charts.save(chart, png);
    }
}
