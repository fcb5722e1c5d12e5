package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleConvNetTest {
    static final SimpleConvNet.Config SMALL =
            new SimpleConvNet.Config(1, 10, 10, 3, 3, 1, 0, 6, 4, SimpleConvNet.WeightInit.HE, 0.01);

    static Tensor images(Random r, int n, SimpleConvNet.Config c) {
        return Tensor.uniform(r, n, c.channels(), c.height(), c.width());
    }

    @Test
    void backpropagationEqualsTheNumericalGradient() {
        Random r = new Random(1);
        SimpleConvNet net = new SimpleConvNet(SMALL, 2);
        Tensor x = images(r, 3, SMALL);
        int[] t = {0, 3, 1};
        Map<String, Tensor> backprop = net.gradient(x, t);
        Map<String, Tensor> numerical = net.numericalGradient(x, t, 1e-5);
        for (String name : backprop.keySet()) {
            Reference.assertClose(name, numerical.get(name), backprop.get(name), 1e-6);
        }
    }

    @Test
    void lectureDefaultsGiveTheLecturesShapes() {
        SimpleConvNet net = new SimpleConvNet(SimpleConvNet.Config.lecture(), 1);
        assertArrayEquals(new int[] {30, 1, 5, 5}, net.params().get("W1").shape());
        assertArrayEquals(new int[] {30 * 12 * 12, 100}, net.params().get("W2").shape());
        assertArrayEquals(new int[] {100, 10}, net.params().get("W3").shape());
        assertEquals(0.01, stdOf(net.params().get("W2")), 0.0005);
        Tensor scores = net.predict(Tensor.zeros(2, 1, 28, 28));
        assertArrayEquals(new int[] {2, 10}, scores.shape());
    }

    static double stdOf(Tensor t) {
        double m = t.sum() / t.size(), s = 0;
        for (double v : t.data()) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / t.size());
    }

    @Test
    void adamLowersTheLossOnABatch() {
        Random r = new Random(3);
        SimpleConvNet net = new SimpleConvNet(SMALL, 4);
        Tensor x = images(r, 8, SMALL);
        int[] t = {0, 1, 2, 3, 0, 1, 2, 3};
        double before = net.loss(x, t);
        Optimizer adam = new Optimizer.Adam(0.01);
        for (int i = 0; i < 100; i++) {
            adam.update(net.params(), net.gradient(x, t));
        }
        assertTrue(net.loss(x, t) < before / 2, "loss " + before + " -> " + net.loss(x, t));
        assertTrue(net.accuracy(x, t, 3) >= 0.5, "accuracy in batches of 3 works and beats chance (0.25)");
    }

    @Test
    void everyOptimizerTakesTheBooksFirstStep() {
        double[] g = {0.5, -2};
        for (Optimizer o : new Optimizer[] {new Optimizer.Sgd(0.1), new Optimizer.Momentum(0.1, 0.9),
                new Optimizer.AdaGrad(0.1), new Optimizer.Adam(0.1)}) {
            Tensor p = Tensor.of(new double[] {1, 1}, 2);
            o.update(Map.of("W", p), Map.of("W", Tensor.of(g.clone(), 2)));
            double[] expected = switch (o.getClass().getSimpleName()) {
                case "Sgd", "Momentum" -> new double[] {1 - 0.05, 1 + 0.2};
                // AdaGrad: g / sqrt(g²) = sign(g); Adam's first step: lr * sign(g) (bias-corrected)
                default -> new double[] {1 - 0.1, 1 + 0.1};
            };
            assertArrayEquals(expected, p.data(), 1e-6, o.getClass().getSimpleName());
        }
    }

    @Test
    void savedParametersLoadBackExactly(@TempDir Path dir) throws Exception {
        SimpleConvNet net = new SimpleConvNet(SMALL, 5);
        Path file = dir.resolve("params.bin");
        net.saveParams(file);
        SimpleConvNet back = SimpleConvNet.loadParams(SMALL, file);
        Tensor x = images(new Random(6), 2, SMALL);
        assertArrayEquals(net.predict(x).data(), back.predict(x).data(), 0.0);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void damagedParameterFilesAreRefused(@TempDir Path dir) throws Exception {
        SimpleConvNet net = new SimpleConvNet(SMALL, 5);
        Path file = dir.resolve("params.bin");
        net.saveParams(file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        assertTrue(assertThrows(java.io.IOException.class, () -> SimpleConvNet.loadParams(SMALL, cut))
                .getMessage().contains("truncated"));
        Path foreign = dir.resolve("foreign.bin");
        Files.writeString(foreign, "PK this is a zip, not parameters");
        assertTrue(assertThrows(java.io.IOException.class, () -> SimpleConvNet.loadParams(SMALL, foreign))
                .getMessage().contains("not a cnn-course parameter file"));
        ShapeException wrong = assertThrows(ShapeException.class,
                () -> SimpleConvNet.loadParams(SimpleConvNet.Config.lecture(), file));
        assertTrue(wrong.getMessage().contains("W1 has shape [3, 1, 3, 3]"), wrong.getMessage());
    }
}
