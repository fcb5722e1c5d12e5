package org.cnncourse.lessons.l09;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.ImageBatches;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.SimpleConvNetBridge;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.scratch.Optimizer;
import org.cnncourse.scratch.SimpleConvNet;
import org.cnncourse.scratch.SoftmaxWithLoss;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Lesson 09: the lecture's SimpleConvNet (conv - relu - pool - affine - relu - affine -
 * softmax), built by hand and in DL4J with the same parameters: same loss, same predictions,
 * same gradients, and the same Adam steps.
 */
public final class Lesson09SimpleConvNet implements Lesson {
    static final long SEED = 9;
    static final int BATCH = 20;
    /** A small SimpleConvNet: the gradient check by central differences visits every parameter. */
    public static final SimpleConvNet.Config SMALL =
            new SimpleConvNet.Config(1, 12, 12, 4, 5, 1, 0, 10, 10, SimpleConvNet.WeightInit.HE, 0.01);

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson09SimpleConvNet());
    }

    @Override
    public int number() {
        return 9;
    }

    @Override
    public String slug() {
        return "simple-convnet";
    }

    @Override
    public String title() {
        return "The SimpleConvNet by hand and in DL4J: same loss, predictions, gradients and Adam steps";
    }

    /** 20 real test digits. */
    public static ImageBatches.Batch digits() {
        return ImageBatches.of(CourseDatasets.mnistDigits(CourseDatasets.Split.TEST), 0, BATCH);
    }

    /** Both networks with DL4J's initial parameters, compared on a batch of real digits. */
    public record EndToEnd(double byHandLoss, double dl4jLoss, List<Comparison> comparisons) {
    }

    public static EndToEnd endToEnd() {
        SimpleConvNet.Config config = SimpleConvNet.Config.lecture();
        MultiLayerNetwork dl4j = SimpleConvNetBridge.dl4j(config, SEED, 0.001);
        // Loss: DL4J clips the softmax at 1e-10 instead of adding 1e-7 inside the log.
        SimpleConvNet byHand = SimpleConvNetBridge.byHandCopy(dl4j, config, 0.0);
        ImageBatches.Batch b = digits();
        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        List<Comparison> out = new ArrayList<>();
        Tensor probabilities = SoftmaxWithLoss.softmax(byHand.predict(b.x()));
        out.add(Comparison.of("predictions", probabilities, Tensors.fromNd(dl4j.output(Tensors.toNd(b.x()))), tol));
        Map<String, Tensor> grads = byHand.gradient(b.x(), b.labels());
        SimpleConvNetBridge.LossAndGradients d = SimpleConvNetBridge.dl4jGradients(dl4j, b.x(), b.labels());
        out.add(Comparison.of("loss", Tensor.of(new double[] {byHand.lastLoss()}, 1), Tensor.of(new double[] {d.loss()}, 1), tol));
        for (String name : grads.keySet()) {
            out.add(Comparison.of("dL/d" + name, grads.get(name), d.gradients().get(name), tol));
        }
        return new EndToEnd(byHand.lastLoss(), d.loss(), out);
    }

    /**
     * The lecture's gradient check on the small network: backpropagation against central
     * differences. Random inputs, not digits: a digit's blank background gives exact zeros at
     * the ReLU's kink and ties in max pooling, where a central difference is not a derivative.
     * The loss is the exact cross-entropy (the book's 1e-7 inside the log moves the numerical
     * gradient by about 1e-7).
     */
    public static List<Comparison> gradientCheck() {
        SimpleConvNet net = new SimpleConvNet(SMALL, SEED, 0.0);
        java.util.Random r = new java.util.Random(SEED);
        Tensor x = Tensor.uniform(r, 3, 1, 12, 12);
        int[] labels = {r.nextInt(10), r.nextInt(10), r.nextInt(10)};
        Map<String, Tensor> backprop = net.gradient(x, labels);
        Map<String, Tensor> numerical = net.numericalGradient(x, labels, 1e-5);
        List<Comparison> out = new ArrayList<>();
        for (String name : backprop.keySet()) {
            out.add(Comparison.between("dL/d" + name, "numerical", numerical.get(name), "backprop", backprop.get(name), 1e-6));
        }
        return out;
    }

    /** Several Adam steps (lr 0.001) on the same batch: the parameters after each step, by hand vs DL4J. */
    public static List<Comparison> adamSteps(int steps) {
        SimpleConvNet.Config config = SimpleConvNet.Config.lecture();
        MultiLayerNetwork dl4j = SimpleConvNetBridge.dl4j(config, SEED + 1, 0.001);
        SimpleConvNet byHand = SimpleConvNetBridge.byHandCopy(dl4j, config, 0.0);
        ImageBatches.Batch b = digits();
        DataSet ds = new DataSet(Tensors.toNd(b.x()), SimpleConvNetBridge.oneHot(b.labels(), 10));
        Optimizer adam = new Optimizer.Adam(0.001, 0.9, 0.999, Optimizer.Adam.BOOK_EPSILON);
        List<Comparison> out = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            adam.update(byHand.params(), byHand.gradient(b.x(), b.labels()));
            dl4j.fit(ds);
            Map<String, Tensor> after = SimpleConvNetBridge.params(dl4j);
            for (String name : after.keySet()) {
                out.add(Comparison.of("step " + s + " " + name, byHand.params().get(name), after.get(name), 1e-9));
            }
        }
        return out;
    }

    /** Save and load the by-hand parameters: the reloaded network predicts exactly the same. */
    public static Comparison saveAndLoad() {
        try {
            SimpleConvNet net = new SimpleConvNet(SimpleConvNet.Config.lecture(), SEED);
            Path dir = Files.createTempDirectory("cnn-course-params");
            Path file = dir.resolve("simple-convnet.params");
            net.saveParams(file);
            SimpleConvNet back = SimpleConvNet.loadParams(SimpleConvNet.Config.lecture(), file);
            Files.delete(file);
            Files.delete(dir);
            Tensor x = digits().x();
            return Comparison.between("scores", "before save", net.predict(x), "after load", back.predict(x), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of the book's parameters and where DL4J keeps it. */
    public record ParamRow(String bookName, int[] byHandShape, int size, String dl4jLayer, String dl4jKey, long[] dl4jShape) {
    }

    /** The book's W1..b3 in the by-hand network and their places in DL4J's, read from both networks. */
    public static List<ParamRow> layout() {
        SimpleConvNet.Config config = SimpleConvNet.Config.lecture();
        Map<String, Tensor> byHand = new SimpleConvNet(config, SEED).params();
        MultiLayerNetwork dl4j = SimpleConvNetBridge.dl4j(config, SEED, 0.001);
        List<ParamRow> rows = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : byHand.entrySet()) {
            String key = SimpleConvNetBridge.dl4jKey(dl4j, e.getKey());
            org.deeplearning4j.nn.api.Layer layer = dl4j.getLayer(SimpleConvNetBridge.DL4J_LAYERS.get(e.getKey()));
            rows.add(new ParamRow(e.getKey(), e.getValue().shape(), e.getValue().size(),
                    layer.getIndex() + " " + layer.conf().getLayer().getClass().getSimpleName().replace("Layer", ""),
                    key, dl4j.getParam(key).shape()));
        }
        return rows;
    }

    @Override
    public void run(LessonOutput out) {
        out.section("SimpleConvNet: conv(30 5x5) - relu - pool(2x2) - affine(100) - relu - affine(10) - softmax");
        List<ParamRow> rows = layout();
        out.text("  %-4s %-16s %-18s %-16s %s", "book", "shape", "DL4J layer", "DL4J key", "DL4J shape");
        long byHandTotal = 0;
        for (ParamRow r : rows) {
            out.text("  %-4s %-16s %-18s %-16s %s", r.bookName(), java.util.Arrays.toString(r.byHandShape()),
                    r.dl4jLayer(), r.dl4jKey(), java.util.Arrays.toString(r.dl4jShape()));
            byHandTotal += r.size();
        }
        long dl4jTotal = SimpleConvNetBridge.dl4j(SimpleConvNet.Config.lecture(), SEED, 0.001).numParams();
        out.text("  parameters: by hand %,d, DL4J %,d", byHandTotal, dl4jTotal);
        out.check("every book parameter has a DL4J twin of the same size, and the totals agree",
                byHandTotal == dl4jTotal && rows.stream().allMatch(r -> r.size() == java.util.Arrays.stream(r.dl4jShape())
                        .reduce(1L, (a, b) -> a * b)));

        out.section("DL4J's initial parameters copied into the by-hand network; 20 real test digits");
        EndToEnd e = endToEnd();
        out.text("  loss: by hand %.15f, DL4J %.15f", e.byHandLoss(), e.dl4jLoss());
        for (Comparison c : e.comparisons()) {
            out.compare(c);
        }
        out.text("  What had to be matched: DL4J's gradient() is the sum over the minibatch (divided by N");
        out.text("  here, as the book's backward already does); its loss clips the softmax at 1e-10 where the");
        out.text("  book adds 1e-7 inside the log (the by-hand loss is given 0 here); the conv output is");
        out.text("  flattened in (c, h, w) order by both, so W2's rows line up without reordering.");

        out.section("The lecture's gradient check on a small SimpleConvNet (12x12 input, 4 filters, 10 hidden)");
        for (Comparison c : gradientCheck()) {
            out.compare(c);
        }

        out.section("Adam, lr 0.001, epsilon 1e-7: three steps on the same batch");
        List<Comparison> steps = adamSteps(3);
        for (Comparison c : steps) {
            if (c.tensor().endsWith("W1") || !c.passed()) {
                out.compare(c);
            }
        }
        out.check("all " + steps.size() + " parameter tensors equal after each step", steps.stream().allMatch(Comparison::passed));

        out.section("Save and load the by-hand parameters");
        out.compare(saveAndLoad());
    }
}
