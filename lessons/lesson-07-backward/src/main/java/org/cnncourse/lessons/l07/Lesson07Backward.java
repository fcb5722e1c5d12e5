package org.cnncourse.lessons.l07;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Nd4jIm2Col;
import org.cnncourse.scratch.ConvGeometry;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Im2Col;
import org.cnncourse.scratch.NumericalGradient;
import org.cnncourse.scratch.Tensor;

/**
 * Lesson 07: the backward pass (역전파) of a convolution. With dout = dL/d(output) laid out
 * as rows like the forward product: db = sum of dout over positions, dW = dout^T x col, and
 * dx = col2im(dout x W): col2im adds each row back onto the pixels it came from.
 */
public final class Lesson07Backward implements Lesson {
    /** Numerical gradients are checked to this relative accuracy (central differences, h = 1e-5). */
    public static final double NUMERICAL_TOLERANCE = 1e-7;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson07Backward());
    }

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String slug() {
        return "backward";
    }

    @Override
    public String title() {
        return "The backward pass: dW, db and dx through col2im";
    }

    /** Two RGB 6x5 images, four 3x3 filters, stride 2, padding 1. */
    public static ConvCase exampleCase() {
        return ConvCase.input(2, 3, 6, 5).filters(4).kernel(3).stride(2).pad(1).seed(7).build();
    }

    /**
     * The lecture's gradient check: backpropagation against the numerical gradient of
     * L = sum(dout * conv(x)), whose gradient with respect to the output is dout.
     */
    public static List<Comparison> gradientCheck(ConvCase cc) {
        ConvCase.Data d = cc.data();
        Convolution conv = cc.byHand(d.weights(), d.bias());
        conv.forward(d.x());
        Tensor dx = conv.backward(d.dout());
        Tensor dW = conv.dW(), db = conv.db();
        DoubleSupplier loss = () -> conv.forward(d.x()).dot(d.dout());
        double h = NumericalGradient.DEFAULT_H;
        return List.of(
                Comparison.between("dL/dx", "numerical", NumericalGradient.of(loss, d.x(), h), "backprop", dx, NUMERICAL_TOLERANCE),
                Comparison.between("dL/dW", "numerical", NumericalGradient.of(loss, d.weights(), h), "backprop", dW, NUMERICAL_TOLERANCE),
                Comparison.between("dL/db", "numerical", NumericalGradient.of(loss, d.bias(), h), "backprop", db, NUMERICAL_TOLERANCE));
    }

    /** By-hand col2im against ND4J's col2im on the same random column matrix. */
    public static Comparison col2imAgainstNd4j(ConvCase cc) {
        ConvGeometry g = cc.geometry();
        double[] col = Tensor.uniform(new Random(cc.seed()), g.positions(), g.patchSize()).data();
        return Comparison.between("col2im", "by hand", Im2Col.col2im(Tensor.of(col, g.positions(), g.patchSize()), g), "ND4J", Nd4jIm2Col.col2im(col, g), 1e-12);
    }

    public static List<ConvCase> cases() {
        return CaseSweeps.convolutions();
    }

    @Override
    public void run(LessonOutput out) {
        ConvCase cc = exampleCase();
        out.section("Two RGB 6x5 images, four 3x3 filters, stride 2, padding 1; dout random");
        LayerComparison.Result r = LayerComparison.convolution(cc);
        out.sideBySide("  dL/dW, filter 0, channel 0", r.byHand().paramGradients().get("W"), r.dl4j().paramGradients().get("W"));
        out.sideBySide("  dL/db", r.byHand().paramGradients().get("b"), r.dl4j().paramGradients().get("b"));
        out.sideBySide("  dL/dx, image 0, channel 0 (col2im adds overlapping windows)", r.byHand().inputGradient(), r.dl4j().inputGradient());
        out.compare(r.report());

        out.section("The lecture's gradient check: backpropagation vs the numerical gradient");
        for (Comparison c : gradientCheck(cc)) {
            out.compare(c);
        }

        out.section("col2im by hand equals ND4J's col2im");
        out.compare(col2imAgainstNd4j(cc));

        out.section("col2im over the full sweep: stride 1/2/3 x padding 0/1/2 x channels 1/3 x filters 1/4/8 x batch 1/5 x shapes");
        List<Comparison> col2ims = cases().stream().map(Lesson07Backward::col2imAgainstNd4j).toList();
        long agree = col2ims.stream().filter(Comparison::passed).count();
        out.check(agree + " of " + col2ims.size() + " cases: col2im by hand equals ND4J's (forward and backward against DL4J"
                + " run once each, in lessons 01-06, by topic)", agree == col2ims.size());
    }
}
