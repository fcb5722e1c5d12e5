package org.cnncourse.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cnncourse.engine.Gemm;
import org.cnncourse.scratch.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The six matrix products of one SimpleConvNet training batch of 100 (each about 43 million
 * multiply-adds; divide 2*m*n*k by the time for GFLOPS), and a square product for comparison.
 * Shapes are m x n x k, with A^T or B^T where the operand is stored transposed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBench {
    @Param({"conv-forward-per-image:30x576x25", "conv-dW-per-image:30x25x576:B^T", "conv-dx-per-image:25x576x30:A^T",
            "affine-forward:100x100x4320", "affine-dX:100x4320x100:B^T", "affine-dW:4320x100x100:A^T", "square:256x256x256"})
    public String shape;

    int m, n, k;
    boolean transA, transB;
    double[] a, b, c;

    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        String[] dims = parts[1].split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        transA = parts.length > 2 && parts[2].equals("A^T");
        transB = parts.length > 2 && parts[2].equals("B^T");
        Random r = new Random(1);
        a = Tensor.uniform(r, m * k).data();
        b = Tensor.uniform(r, k * n).data();
        c = new double[m * n];
    }

    @Benchmark
    public double[] multiply() {
        Gemm.multiply(a, transA, b, transB, c, m, n, k, false);
        return c;
    }

    /** Multiply-adds of one product, for GFLOPS = 2 * this / time. */
    public long multiplyAdds() {
        return (long) m * n * k;
    }
}
