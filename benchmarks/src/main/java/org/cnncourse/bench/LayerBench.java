package org.cnncourse.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cnncourse.engine.FastConvolution;
import org.cnncourse.engine.FastPooling;
import org.cnncourse.engine.FastRelu;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's twins of the SimpleConvNet's first three layers on a batch of 100 Fashion-MNIST-sized images:
 * convolution 30@5x5 (forward, backward, backward without the input gradient), ReLU and 2x2
 * max pooling (forward and backward), each on the shapes the network gives it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LayerBench {
    Tensor images, convOut, convGrad, reluOut, poolGrad;
    FastConvolution conv;
    FastRelu relu;
    FastPooling pool;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        images = Tensor.uniform(r, 100, 1, 28, 28);
        conv = new FastConvolution(Tensor.randn(r, 0.2, 30, 1, 5, 5), Tensor.zeros(30), 1, 0);
        convOut = conv.forward(images);
        convGrad = Tensor.uniform(r, convOut.shape());
        relu = new FastRelu();
        reluOut = relu.forward(convOut);
        pool = new FastPooling(Pooling.Type.MAX, 2, 2, 2, 2, 0, 0, SizeRule.TRUNCATE, false);
        poolGrad = Tensor.uniform(r, pool.forward(reluOut).shape());
    }

    @Benchmark
    public Tensor convolutionForward() {
        return conv.forward(images);
    }

    @Benchmark
    public Tensor convolutionBackward() {
        return conv.backward(convGrad);
    }

    @Benchmark
    public Tensor convolutionBackwardWithoutInputGradient() {
        conv.backwardWithoutInputGradient(convGrad);
        return conv.dW();
    }

    @Benchmark
    public Tensor reluForward() {
        return relu.forward(convOut);
    }

    @Benchmark
    public Tensor reluBackward() {
        return relu.backward(convGrad);
    }

    @Benchmark
    public Tensor maxPoolingForward() {
        return pool.forward(reluOut);
    }

    @Benchmark
    public Tensor maxPoolingBackward() {
        return pool.backward(poolGrad);
    }
}
