package org.cnncourse.lessons.l06;

import java.util.Arrays;
import java.util.List;
import org.cnncourse.lessons.support.LectureExamples;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Nd4jIm2Col;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.scratch.ConvGeometry;
import org.cnncourse.scratch.Im2Col;
import org.cnncourse.scratch.Tensor;

/**
 * Lesson 06: a minibatch is one 4-D tensor (N, C, H, W) (배치 처리). im2col unrolls every
 * receptive field of every image into one row of a matrix, and the whole convolution becomes
 * a single matrix product with the filters.
 */
public final class Lesson06BatchesIm2col implements Lesson {

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson06BatchesIm2col());
    }

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String slug() {
        return "batches-im2col";
    }

    @Override
    public String title() {
        return "Batches as 4-D tensors; im2col turns convolution into one matrix product";
    }

    /** Five RGB 7x7 images, eight 3x3 filters, stride 1, padding 1. */
    public static ConvCase batchCase() {
        return ConvCase.input(5, 3, 7, 7).filters(8).kernel(3).pad(1).seed(6).build();
    }

    public static ConvGeometry geometry(ConvCase cc) {
        return cc.geometry();
    }

    /** The lecture's 4x4 image and 3x3 filter, stride 1, no padding: four windows of nine values. */
    public static ConvCase lectureCase() {
        return ConvCase.input(1, 1, 4, 4).kernel(3).build();
    }

    /** im2col of the lecture's 4x4 image: (4, 9), by hand and from ND4J. */
    public record LectureIm2col(Tensor byHand, Tensor nd4j, Tensor filterColumn, Tensor product) {
    }

    public static LectureIm2col lectureIm2col() {
        ConvGeometry g = geometry(lectureCase());
        Tensor x = LectureExamples.image(LectureExamples.IMAGE_4X4);
        Tensor col = Im2Col.im2col(x, g, 0.0);
        // The lecture's col_W = W.reshape(FN, -1).T: the filter as one column.
        Tensor filterColumn = Tensor.matrix(LectureExamples.FILTER_3X3).reshape(g.patchSize(), 1);
        return new LectureIm2col(col, Nd4jIm2Col.im2col(x, g), filterColumn, col.matmul(filterColumn));
    }

    /** The by-hand im2col matrix against ND4J's im2col, laid out the same way. */
    public static Comparison im2colAgainstNd4j(ConvCase cc) {
        ConvCase.Data d = cc.data();
        ConvGeometry g = geometry(cc);
        Tensor byHand = Im2Col.im2col(d.x(), g, 0.0);
        return Comparison.between("im2col", "by hand", byHand, "ND4J", Nd4jIm2Col.im2col(d.x(), g), 0);
    }

    /**
     * The convolution written out as the lecture draws it: col (N*OH*OW, C*FH*FW) times the
     * filters as columns (C*FH*FW, FN), plus b, reshaped to (N, FN, OH, OW).
     */
    public static Tensor convolutionAsMatrixProduct(ConvCase cc) {
        ConvCase.Data d = cc.data();
        ConvGeometry g = geometry(cc);
        int fn = cc.filters();
        Tensor col = Im2Col.im2col(d.x(), g, 0.0);
        Tensor colW = d.weights().reshape(fn, -1).transpose();
        Tensor out = col.matmul(colW).plusRow(d.bias());
        return out.reshape(g.n(), g.oh(), g.ow(), fn).transpose(0, 3, 1, 2);
    }

    /** DL4J's output for the whole batch against the by-hand layer applied to one image at a time. */
    public static Comparison batchEqualsOneAtATime(ConvCase cc) {
        ConvCase.Data d = cc.data();
        Tensor batch = Tensors.fromNd(Dl4jLayers.convolution(cc, d.weights(), d.bias()).output(Tensors.toNd(d.x())));
        int per = d.x().size() / cc.n();
        double[] stacked = new double[batch.size()];
        int offset = 0;
        for (int n = 0; n < cc.n(); n++) {
            double[] one = Arrays.copyOfRange(d.x().data(), n * per, (n + 1) * per);
            Tensor y = cc.byHand(d.weights(), d.bias()).forward(Tensor.of(one, 1, cc.c(), cc.h(), cc.w()));
            System.arraycopy(y.data(), 0, stacked, offset, y.size());
            offset += y.size();
        }
        return Comparison.between("output", "one at a time", Tensor.of(stacked, batch.shape()), "DL4J batch", batch,
                Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    public static List<ConvCase> cases() {
        return CaseSweeps.convolutionsOf(6);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("im2col of the lecture's 4x4 example: one row per window, then one matrix product");
        LectureIm2col lecture = lectureIm2col();
        out.sideBySide("  col = im2col(x, 3, 3, stride 1, pad 0): (OH*OW, C*FH*FW) = (4, 9)", lecture.byHand(), lecture.nd4j());
        out.compare(Comparison.between("im2col", "by hand", lecture.byHand(), "ND4J", lecture.nd4j(), 0));
        out.text("  col_W = W.reshape(FN, -1).T, the filter as a column: %s",
                Arrays.toString(Arrays.stream(lecture.filterColumn().data()).mapToLong(Math::round).toArray()));
        out.text("  col x col_W = %s, reshaped to 2x2: lesson 01's [[15, 16], [6, 15]]",
                Arrays.toString(Arrays.stream(lecture.product().data()).mapToLong(Math::round).toArray()));
        out.check("the product is the lecture's 15, 16, 6, 15",
                Arrays.equals(lecture.product().data(), new double[] {15, 16, 6, 15}));

        ConvCase cc = batchCase();
        ConvGeometry g = geometry(cc);
        out.section("A minibatch of 5 RGB 7x7 images is one tensor (N, C, H, W) = (5, 3, 7, 7)");
        out.text("  8 filters 3x3, padding 1, stride 1: output (N, FN, OH, OW) = %s", Arrays.toString(g.outputShape(8)));
        out.text("  im2col matrix: (N*OH*OW, C*FH*FW) = (%d, %d), one row per receptive field", g.positions(), g.patchSize());
        out.text("  filters as a matrix: (FN, C*FH*FW) = (%d, %d); product: (%d, %d), reshaped to NCHW",
                cc.filters(), g.patchSize(), g.positions(), cc.filters());

        out.section("im2col by hand equals ND4J's im2col (ND4J keeps it as [N, C, FH, FW, OH, OW])");
        out.compare(im2colAgainstNd4j(cc));

        out.section("The convolution as one matrix product: im2col(x) x W^T + b");
        LayerComparison.Result r = LayerComparison.convolution(cc);
        Tensor product = convolutionAsMatrixProduct(cc);
        out.sideBySide("  image 0, map 0", product, r.dl4j().output());
        out.compare(Comparison.between("output", "col x W^T + b", product, "DL4J", r.dl4j().output(), Dl4jPrecision.DOUBLE_TOLERANCE));
        out.compare(r.report());

        out.section("A batch is just many images at once");
        out.compare(batchEqualsOneAtATime(cc));

        out.section("Seeded random cases with batch 5 (and 2, 3): forward and backward, by hand vs DL4J");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.convolution(c).report()).toList();
        out.sweep("batched convolution", reports);
        List<Comparison> im2cols = cases().stream().map(Lesson06BatchesIm2col::im2colAgainstNd4j).toList();
        boolean allSame = im2cols.stream().allMatch(Comparison::passed);
        out.check("im2col equals ND4J's exactly in all " + im2cols.size() + " cases", allSame);
    }
}
