package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConvolutionTest {

    static Stream<Arguments> geometries() {
        // n, c, h, w, fn, fh, fw, stride, pad
        return Stream.of(
                Arguments.of(1, 1, 5, 5, 1, 3, 3, 1, 0),
                Arguments.of(2, 3, 7, 6, 4, 3, 2, 1, 1),
                Arguments.of(3, 2, 9, 9, 5, 3, 3, 2, 1),
                Arguments.of(1, 3, 11, 8, 2, 5, 3, 3, 2),
                Arguments.of(4, 1, 6, 10, 3, 1, 1, 1, 0),
                Arguments.of(2, 4, 8, 8, 8, 4, 4, 2, 0),
                // 400 positions per image: dW takes the register-tile kernel
                Arguments.of(3, 2, 20, 20, 5, 3, 3, 1, 1));
    }

    @ParameterizedTest(name = "N={0} C={1} {2}x{3} FN={4} {5}x{6} S={7} P={8}")
    @MethodSource("geometries")
    void im2colConvolutionEqualsDirectLoops(int n, int c, int h, int w, int fn, int fh, int fw, int s, int p) {
        Random r = new Random(7 + n * 31 + h);
        Tensor x = Tensor.uniform(r, n, c, h, w);
        Tensor wt = Tensor.uniform(r, fn, c, fh, fw);
        Tensor b = Tensor.uniform(r, fn);
        Convolution conv = new Convolution(wt, b, s, s, p, p, SizeRule.TRUNCATE);
        Reference.assertClose("forward", Convolution.slidingWindow(x, wt, b, s, p, SizeRule.TRUNCATE), conv.forward(x), 1e-12);
    }

    @ParameterizedTest(name = "N={0} C={1} {2}x{3} FN={4} {5}x{6} S={7} P={8}")
    @MethodSource("geometries")
    void backpropagationEqualsNumericalGradient(int n, int c, int h, int w, int fn, int fh, int fw, int s, int p) {
        Random r = new Random(11 + fn * 7 + w);
        Tensor x = Tensor.uniform(r, n, c, h, w);
        Tensor wt = Tensor.uniform(r, fn, c, fh, fw);
        Tensor b = Tensor.uniform(r, fn);
        Convolution conv = new Convolution(wt, b, s, s, p, p, SizeRule.TRUNCATE);
        Tensor dout = Tensor.uniform(r, conv.forward(x).shape());
        // L = sum(dout * y) has dL/dy = dout, so backward(dout) must equal the numerical dL/dx.
        Tensor dx = conv.backward(dout);
        Tensor dW = conv.dW(), db = conv.db();
        java.util.function.DoubleSupplier loss = () -> conv.forward(x).dot(dout);
        double h0 = NumericalGradient.DEFAULT_H;
        Reference.assertClose("dx", NumericalGradient.of(loss, x, h0), dx, 1e-7);
        Reference.assertClose("dW", NumericalGradient.of(loss, wt, h0), dW, 1e-7);
        Reference.assertClose("db", NumericalGradient.of(loss, b, h0), db, 1e-7);
    }

    @Test
    void numParamsIsFilterSquaredTimesChannelsTimesFiltersPlusBiases() {
        Convolution conv = new Convolution(Tensor.zeros(8, 3, 5, 5), Tensor.zeros(8), 1, 0);
        assertEquals(5 * 5 * 3 * 8 + 8, conv.numParams());
    }

    @Test
    void indivisibleStrideNamesTheFormula() {
        Convolution conv = new Convolution(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1), 2, 0);
        ShapeException e = assertThrows(ShapeException.class, () -> conv.forward(Tensor.zeros(1, 1, 6, 6)));
        assertTrue(e.getMessage().contains("OH = (H + 2P - FH)/S + 1 = (6 + 2*0 - 3)/2 + 1"), e.getMessage());
        assertTrue(e.getMessage().contains("not divisible by S = 2"), e.getMessage());
    }

    @Test
    void truncateDropsTheLastRow() {
        Convolution conv = new Convolution(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1), 2, 2, 0, 0, SizeRule.TRUNCATE);
        assertArrayEquals(new int[] {1, 1, 2, 2}, conv.forward(Tensor.zeros(1, 1, 6, 6)).shape());
    }

    @Test
    void sameKeepsCeilOfInputOverStrideAndPadsBottomRight() {
        ConvGeometry g = ConvGeometry.of("Convolution", new int[] {1, 1, 6, 6}, 3, 3, 2, 2, 0, 0, SizeRule.SAME);
        assertEquals(3, g.oh());
        assertEquals(0, g.padTop());
        assertEquals(1, g.padBottom());
    }

    @Test
    void channelMismatchIsNamed() {
        Convolution conv = new Convolution(Tensor.zeros(4, 3, 3, 3), Tensor.zeros(4), 1, 0);
        ShapeException e = assertThrows(ShapeException.class, () -> conv.forward(Tensor.zeros(1, 1, 5, 5)));
        assertTrue(e.getMessage().contains("C = 1 channels"), e.getMessage());
        assertTrue(e.getMessage().contains("expect C = 3"), e.getMessage());
    }

    @Test
    void filterLargerThanInputIsNamed() {
        Convolution conv = new Convolution(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1), 1, 0);
        ShapeException e = assertThrows(ShapeException.class, () -> conv.forward(Tensor.zeros(1, 1, 3, 3)));
        assertTrue(e.getMessage().contains("(H + 2P - FH) = -2 is negative"), e.getMessage());
    }

    @Test
    void im2colAndCol2imAreAdjoint() {
        Random r = new Random(3);
        Tensor x = Tensor.uniform(r, 2, 3, 7, 5);
        ConvGeometry g = ConvGeometry.of("t", x.shape(), 3, 2, 2, 1, 1, 1, SizeRule.TRUNCATE);
        Tensor col = Im2Col.im2col(x, g, 0.0);
        Tensor a = Tensor.uniform(r, col.shape());
        // <im2col(x), a> == <x, col2im(a)>: col2im is the transpose of im2col.
        double left = col.dot(a);
        double right = x.dot(Im2Col.col2im(a, g));
        assertEquals(left, right, 1e-10);
    }
}
