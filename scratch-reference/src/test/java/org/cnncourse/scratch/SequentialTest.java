package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class SequentialTest {
    @Test
    void tanhAndSigmoidBackpropEqualNumericalGradients() {
        Random r = new Random(2);
        Tensor x = Tensor.uniform(r, 3, 4);
        Tensor dout = Tensor.uniform(r, 3, 4);
        for (Layer l : new Layer[] {new Tanh(), new Sigmoid()}) {
            l.forward(x);
            Tensor dx = l.backward(dout);
            DoubleSupplier loss = () -> l.forward(x).dot(dout);
            Reference.assertClose(l.getClass().getSimpleName(), NumericalGradient.of(loss, x, 1e-6), dx, 1e-8);
        }
    }

    @Test
    void aChainOfLayersBackpropagatesLikeTheNumericalGradient() {
        Random r = new Random(4);
        Sequential net = new Sequential(List.of(
                new Convolution(Tensor.uniform(r, 3, 1, 3, 3), Tensor.uniform(r, 3), 1, 1),
                new Tanh(),
                new Pooling(Pooling.Type.AVG, 2, 2, 0),
                new Affine(Tensor.uniform(r, 3 * 3 * 3, 5), Tensor.uniform(r, 5)),
                new Sigmoid(),
                new Affine(Tensor.uniform(r, 5, 4), Tensor.uniform(r, 4))), 0.0);
        Tensor x = Tensor.uniform(r, 2, 1, 6, 6);
        int[] t = {1, 3};
        Map<String, Tensor> g = net.gradient(x, t);
        assertEquals(List.of("0_W", "0_b", "3_W", "3_b", "5_W", "5_b"), List.copyOf(g.keySet()));
        for (Map.Entry<String, Tensor> e : net.params().entrySet()) {
            Reference.assertClose(e.getKey(), NumericalGradient.of(() -> net.loss(x, t), e.getValue(), 1e-5), g.get(e.getKey()), 1e-6);
        }
        Tensor dx = net.inputGradient();
        net.gradient(x, t);
        Reference.assertClose("dx", NumericalGradient.of(() -> net.loss(x, t), x, 1e-5), dx, 1e-6);
        assertEquals(3 * 9 + 3 + 27 * 5 + 5 + 5 * 4 + 4, net.numParams());
    }
}
