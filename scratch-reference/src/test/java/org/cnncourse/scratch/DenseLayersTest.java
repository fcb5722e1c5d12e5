package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class DenseLayersTest {
    @Test
    void affineBackpropEqualsNumericalGradientOnImageInput() {
        Random r = new Random(5);
        Tensor x = Tensor.uniform(r, 3, 2, 3, 4);
        Tensor w = Tensor.uniform(r, 24, 5), b = Tensor.uniform(r, 5);
        Affine affine = new Affine(w, b);
        Tensor dout = Tensor.uniform(r, 3, 5);
        affine.forward(x);
        Tensor dx = affine.backward(dout);
        DoubleSupplier loss = () -> affine.forward(x).dot(dout);
        Reference.assertClose("dx", NumericalGradient.of(loss, x, 1e-5), dx, 1e-8);
        Reference.assertClose("dW", NumericalGradient.of(loss, w, 1e-5), affine.grads().get("W"), 1e-8);
        Reference.assertClose("db", NumericalGradient.of(loss, b, 1e-5), affine.grads().get("b"), 1e-8);
    }

    @Test
    void reluPassesGradientOnlyWherePositive() {
        Tensor x = Tensor.of(new double[] {-1, 0.5, 2, -3}, 2, 2);
        Relu relu = new Relu();
        Reference.assertClose("forward", Tensor.of(new double[] {0, 0.5, 2, 0}, 2, 2), relu.forward(x), 0);
        Reference.assertClose("backward", Tensor.of(new double[] {0, 1, 1, 0}, 2, 2),
                relu.backward(Tensor.of(new double[] {1, 1, 1, 1}, 2, 2)), 0);
    }

    @Test
    void softmaxWithLossGradientIsProbabilitiesMinusLabelsOverN() {
        Random r = new Random(9);
        Tensor scores = Tensor.uniform(r, 4, 6);
        int[] labels = {0, 5, 2, 2};
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        loss.forward(scores, labels);
        Tensor grad = loss.backward();
        // (y - t)/N is the gradient of log(y); the loss takes log(y + 1e-7), which moves the
        // numerical gradient by about 1e-7 of its size, hence the looser tolerance.
        Reference.assertClose("dscores",
                NumericalGradient.of(() -> new SoftmaxWithLoss().forward(scores, labels), scores, 1e-6), grad, 1e-6);
        Tensor y = loss.probabilities();
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 6; j++) {
                s += y.get(i, j);
            }
            assertEquals(1.0, s, 1e-12);
        }
    }

    @Test
    void labelOutOfRangeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxWithLoss().forward(Tensor.zeros(2, 3), new int[] {0, 3}));
        assertEquals("SoftmaxWithLoss: label 3 of example 1 is outside 0..2", e.getMessage());
    }
}
