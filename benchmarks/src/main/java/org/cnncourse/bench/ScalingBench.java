package org.cnncourse.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.cnncourse.models.Charts;
import org.cnncourse.engine.FastConvolution;
import org.cnncourse.engine.Gemm;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Where the framework overtakes hand-written code: one 3x3 convolution layer (16 input channels,
 * forward and backward) of growing width and input size, by hand (im2col + the blocked GEMM,
 * double, both cores) against DL4J (float32, both cores), with each side's GEMM peak measured.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = "By-hand vs DL4J throughput of one 3x3 convolution layer (forward + backward) as filters grow from 8"
                + " to 256 and inputs from 28 to 112 pixels; GEMM peaks; a table, JSON and a PNG chart.")
final class ScalingBench implements Callable<Integer> {
    static final int IN_CHANNELS = 16;

    @Option(names = "--quick", description = "A smoke run: two sizes, one round.")
    boolean quick;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per point (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--out", defaultValue = "out/bench", description = "Folder for scaling.json and scaling.png (default ${DEFAULT-VALUE}).")
    Path out;

    record Point(int filters, int side, int batch, double macsPerImage, double byHandImagesPerSecond,
                 double dl4jImagesPerSecond) {
        double gflops(double imagesPerSecond) {
            return 3 * 2 * macsPerImage * imagesPerSecond / 1e9;
        }
    }

    @Override
    public Integer call() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        org.cnncourse.lessons.support.Nd4jThreads.set(cores);
        if (quick) {
            rounds = 1;
        }
        double byHandPeak = byHandGemmGflops(quick ? 256 : 512);
        double dl4jPeak = nd4jGemmGflops(quick ? 256 : 1024);
        int[] filters = quick ? new int[] {8, 64} : new int[] {8, 32, 64, 128, 256};
        int[] sides = quick ? new int[] {28} : new int[] {28, 56, 112};
        List<Point> points = new ArrayList<>();
        for (int side : sides) {
            for (int f : filters) {
                double macs = (double) side * side * f * IN_CHANNELS * 9;
                // Enough images for a measurable round, at most 16.
                int batch = (int) Math.max(1, Math.min(16, Math.round(4e8 / macs)));
                double mine = byHand(f, side, batch), theirs = dl4j(f, side, batch);
                Point p = new Point(f, side, batch, macs, mine, theirs);
                points.add(p);
                System.out.printf(Locale.ROOT, "  measured %3d filters on %3dx%-3d: by hand %9.1f img/s, DL4J %9.1f img/s%n",
                        f, side, side, mine, theirs);
            }
        }
        org.cnncourse.lessons.support.Nd4jThreads.set(Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", String.valueOf(cores))));
        System.out.printf(Locale.ROOT, "%nOne 3x3 convolution, %d input channels, forward + backward; %d cores for both; %s%n",
                IN_CHANNELS, cores, BenchEnvironment.loadDescription());
        System.out.printf(Locale.ROOT, "GEMM peak measured: by hand (double) %.1f GFLOPS, ND4J/OpenBLAS (float32) %.1f GFLOPS%n",
                byHandPeak, dl4jPeak);
        System.out.printf(Locale.ROOT, "%8s %6s %6s %12s %12s %12s %10s %10s %10s %10s%n", "filters", "input", "batch",
                "MMAC/image", "by hand/s", "DL4J/s", "DL4J/hand", "hand GF", "DL4J GF", "% peaks");
        List<java.util.Map<String, Object>> rows = new ArrayList<>();
        for (Point p : points) {
            System.out.printf(Locale.ROOT, "%8d %6d %6d %12.1f %12.1f %12.1f %9.2fx %10.1f %10.1f %4.0f/%-4.0f%n", p.filters(),
                    p.side(), p.batch(), p.macsPerImage() / 1e6, p.byHandImagesPerSecond(), p.dl4jImagesPerSecond(),
                    p.dl4jImagesPerSecond() / p.byHandImagesPerSecond(), p.gflops(p.byHandImagesPerSecond()),
                    p.gflops(p.dl4jImagesPerSecond()), 100 * p.gflops(p.byHandImagesPerSecond()) / byHandPeak,
                    100 * p.gflops(p.dl4jImagesPerSecond()) / dl4jPeak);
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("filters", p.filters());
            row.put("side", p.side());
            row.put("batch", p.batch());
            row.put("macsPerImage", p.macsPerImage());
            row.put("byHandImagesPerSecond", p.byHandImagesPerSecond());
            row.put("dl4jImagesPerSecond", p.dl4jImagesPerSecond());
            row.put("byHandGflops", p.gflops(p.byHandImagesPerSecond()));
            row.put("dl4jGflops", p.gflops(p.dl4jImagesPerSecond()));
            rows.add(row);
        }
        Files.createDirectories(out);
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("environment", BenchEnvironment.describe());
        doc.put("inChannels", IN_CHANNELS);
        doc.put("byHandGemmPeakGflops", byHandPeak);
        doc.put("nd4jGemmPeakGflops", dl4jPeak);
        doc.put("points", rows);
        BenchJson.write(out.resolve("scaling.json"), doc);
        chart(points, sides, out.resolve("scaling.png"));
        System.out.println("Written: " + out.resolve("scaling.png"));
        return 0;
    }

    private double byHand(int filters, int side, int batch) {
        Random r = new Random(filters * 1000L + side);
        FastConvolution conv = new FastConvolution(Tensor.uniform(r, filters, IN_CHANNELS, 3, 3), Tensor.zeros(filters), 1, 1, 1, 1,
                SizeRule.STRICT);
        Tensor x = Tensor.uniform(r, batch, IN_CHANNELS, side, side);
        Tensor dout = Tensor.uniform(r, batch, filters, side, side);
        return rate(batch, () -> {
            conv.forward(x);
            conv.backward(dout);
        });
    }

    private double dl4j(int filters, int side, int batch) {
        // DL4J's own im2col and matrix product, the route lesson 6 compares with (its oneDNN helper is another algorithm).
        MultiLayerNetwork net = org.cnncourse.models.Dl4jHelpers.builtIn(() -> {
            MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                    .convolutionMode(ConvolutionMode.Same).list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nIn(IN_CHANNELS).nOut(filters).activation(Activation.IDENTITY).build())
                    .setInputType(InputType.convolutional(side, side, IN_CHANNELS)).build());
            n.init();
            return n;
        });
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, IN_CHANNELS, side, side);
        INDArray dout = Nd4j.rand(DataType.FLOAT, batch, filters, side, side);
        // Inside a workspace, as in training: without one every array is a fresh native
        // allocation, which costs DL4J 3x (bench dl4j, "workspaces off").
        WorkspaceConfiguration ws = WorkspaceConfiguration.builder().initialSize(0).overallocationLimit(0.2)
                .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
                .policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace("scaling-bench", ws).build();
        return rate(batch, () -> {
            try (MemoryWorkspace open = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
                layer.activate(x, true, mgr);
                layer.backpropGradient(dout, mgr);
            }
        });
    }

    /** Warm-up (at least 0.5 s, so the JIT has compiled the by-hand loops), then the median images/s over the timed rounds (each at least 0.2 s). */
    private double rate(int batch, Runnable step) {
        BenchTiming.warmUp(step, quick ? 0 : 0.5);
        long t0 = System.nanoTime();
        step.run();
        double once = Math.max(1e-6, (System.nanoTime() - t0) / 1e9);
        int reps = (int) Math.max(1, Math.ceil(0.2 / once));
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long s = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                step.run();
            }
            rates[i] = (double) reps * batch / ((System.nanoTime() - s) / 1e9);
        }
        return BenchTiming.median(rates);
    }

    static double byHandGemmGflops(int n) {
        Random r = new Random(1);
        double[] a = new double[n * n], b = new double[n * n], c = new double[n * n];
        Arrays.setAll(a, i -> r.nextDouble());
        Arrays.setAll(b, i -> r.nextDouble());
        return gflops(n, () -> Gemm.multiply(a, false, b, false, c, n, n, n, false));
    }

    static double nd4jGemmGflops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        return gflops(n, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
    }

    private static double gflops(int n, Runnable product) {
        product.run();
        double best = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            product.run();
            best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        return best;
    }

    /** DL4J's speed over the by-hand speed against the layer's work, one line per input size. */
    static void chart(List<Point> points, int[] sides, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int side : sides) {
            XYSeries s = new XYSeries(side + "x" + side + " input");
            for (Point p : points) {
                if (p.side() == side) {
                    s.add((double) p.filters(), p.dl4jImagesPerSecond() / p.byHandImagesPerSecond());
                }
            }
            data.addSeries(s);
        }
        XYSeries even = new XYSeries("equal speed");
        even.add(8.0, 1.0);
        even.add(256.0, 1.0);
        data.addSeries(even);
        JFreeChart chart = Charts.lines("One 3x3 convolution, forward + backward: DL4J speed / by-hand speed",
                "filters (log scale)", "DL4J images/s divided by by-hand images/s", data);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("filters (log scale)");
        x.setBase(2);
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        plot.setDomainAxis(x);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};
        for (int i = 0; i < data.getSeriesCount() - 1; i++) {
            renderer.setSeriesPaint(i, colours[i % colours.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        int last = data.getSeriesCount() - 1;
        renderer.setSeriesPaint(last, Color.GRAY);
        renderer.setSeriesShapesVisible(last, false);
        renderer.setSeriesStroke(last, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        Charts.save(chart, png);
    }
}
