package org.cnncourse.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cnncourse.engine.FastIm2Col;
import org.cnncourse.scratch.ConvGeometry;
import org.cnncourse.scratch.Im2Col;
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
 * im2col of a batch of 100 Fashion-MNIST images for 5x5 filters: the book's one matrix for
 * the batch, (57,600 x 25), as the readable reference builds it, against the transposed matrix of one image at a time, (25 x 576),
 * into a buffer that is reused (what the engine's FastConvolution does), and their adjoints.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Im2ColBench {
    Tensor x;
    ConvGeometry g;
    double[] colT, image;
    Tensor batchCol;

    @Setup
    public void setUp() {
        x = Tensor.uniform(new Random(1), 100, 1, 28, 28);
        g = ConvGeometry.of("bench", x.shape(), 5, 5, 1, 1, 0, 0, SizeRule.STRICT);
        colT = new double[g.patchSize() * g.oh() * g.ow()];
        batchCol = Im2Col.im2col(x, g, 0.0);
        image = new double[x.size()];
    }

    @Benchmark
    public Tensor im2colWholeBatch() {
        return Im2Col.im2col(x, g, 0.0);
    }

    @Benchmark
    public double[] im2colImageByImage() {
        for (int n = 0; n < g.n(); n++) {
            FastIm2Col.im2colImage(x.data(), g, n, 0.0, colT);
        }
        return colT;
    }

    @Benchmark
    public Tensor col2imWholeBatch() {
        return Im2Col.col2im(batchCol, g);
    }

    @Benchmark
    public double[] col2imImageByImage() {
        java.util.Arrays.fill(image, 0.0);
        for (int n = 0; n < g.n(); n++) {
            FastIm2Col.col2imImage(colT, g, n, image);
        }
        return image;
    }
}
