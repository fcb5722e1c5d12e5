package org.cnncourse.lessons.l05;

import java.util.ArrayList;
import java.util.List;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Lesson 05: K filters give K output maps, and each filter has one bias (편향) added to every
 * cell of its map. Parameters: F x F x C x K weights plus K biases (F²CK + K).
 */
public final class Lesson05FiltersAndBias implements Lesson {

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson05FiltersAndBias());
    }

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String slug() {
        return "filters-and-bias";
    }

    @Override
    public String title() {
        return "Many filters and a bias each: K maps, F²CK + K parameters";
    }

    /** Filter size F, input channels C, filters K, and the three counts that must agree. */
    public record ParamCount(String layer, int f, int c, int k, long formula, long byHand, long dl4j) {
    }

    public static List<ParamCount> parameterCounts() {
        int[][] rows = {{3, 1, 1}, {5, 1, 30}, {5, 3, 8}, {5, 6, 16}, {11, 3, 96}, {3, 64, 128}};
        String[] names = {"one 3x3 filter", "SimpleConvNet conv1", "RGB, 8 filters", "LeNet-5 C3 (full)",
                "AlexNet conv1", "VGG block 2"};
        List<ParamCount> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            int f = rows[i][0], c = rows[i][1], k = rows[i][2];
            long formula = (long) f * f * c * k + k;
            long byHand = new org.cnncourse.scratch.Convolution(Tensor.zeros(k, c, f, f), Tensor.zeros(k), 1, 0).numParams();
            long dl4j = Dl4jLayers.convolution(ConvCase.input(1, c, f, f).filters(k).kernel(f).build(),
                    Tensor.zeros(k, c, f, f), Tensor.zeros(k)).numParams();
            out.add(new ParamCount(names[i], f, c, k, formula, byHand, dl4j));
        }
        return out;
    }

    /** Four 3x3 filters over an RGB 6x6 image: four maps. */
    public static ConvCase fourFilters() {
        return ConvCase.input(1, 3, 6, 6).filters(4).kernel(3).seed(5).build();
    }

    /**
     * The output minus the output with zero bias: by hand, map k is the constant b_k.
     * Returned as (map k's smallest difference, largest difference, b_k) rows.
     */
    public static double[][] biasPerMap() {
        ConvCase cc = fourFilters();
        ConvCase.Data d = cc.data();
        Tensor with = cc.byHand(d.weights(), d.bias()).forward(d.x());
        Tensor without = cc.byHand(d.weights(), Tensor.zeros(cc.filters())).forward(d.x());
        int hw = with.dim(2) * with.dim(3);
        double[][] rows = new double[cc.filters()][3];
        for (int k = 0; k < cc.filters(); k++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < hw; i++) {
                double diff = with.data()[k * hw + i] - without.data()[k * hw + i];
                lo = Math.min(lo, diff);
                hi = Math.max(hi, diff);
            }
            rows[k] = new double[] {lo, hi, d.bias().data()[k]};
        }
        return rows;
    }

    /** DL4J keeps all of a layer's parameters in one flat vector, the bias first, then W in (FN, C, FH, FW) order. */
    public static Comparison flatParameterOrder() {
        ConvCase cc = fourFilters();
        ConvCase.Data d = cc.data();
        MultiLayerNetwork net = Dl4jLayers.convolution(cc, d.weights(), d.bias());
        double[] expected = new double[d.bias().size() + d.weights().size()];
        System.arraycopy(d.bias().data(), 0, expected, 0, d.bias().size());
        System.arraycopy(d.weights().data(), 0, expected, d.bias().size(), d.weights().size());
        return Comparison.between("flat params", "b then W", Tensor.of(expected, expected.length),
                "DL4J params()", Tensors.fromNd(net.params()).reshape(expected.length), 0);
    }

    public static List<ConvCase> cases() {
        return CaseSweeps.convolutionsOf(5);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("Four 3x3 filters over an RGB 6x6 image give four 4x4 maps (N, K, OH, OW)");
        LayerComparison.Result r = LayerComparison.convolution(fourFilters());
        out.text("  output shape: by hand %s, DL4J %s", java.util.Arrays.toString(r.byHand().output().shape()),
                java.util.Arrays.toString(r.dl4j().output().shape()));
        out.sideBySide("  map 0", r.byHand().output(), r.dl4j().output());
        out.compare(r.report());

        out.section("One bias per filter, added to every cell of its map");
        boolean constant = true;
        double[][] rows = biasPerMap();
        for (int k = 0; k < rows.length; k++) {
            out.text("  map %d: output - output(b = 0) ranges over [%.12f, %.12f], b_%d = %.12f", k, rows[k][0], rows[k][1], k, rows[k][2]);
            constant &= Math.abs(rows[k][0] - rows[k][2]) < 1e-12 && Math.abs(rows[k][1] - rows[k][2]) < 1e-12;
        }
        out.check("each map is shifted by exactly its own bias", constant);

        out.section("Parameter count F x F x C x K + K against DL4J's numParams()");
        boolean counts = true;
        out.text("  %-22s %3s %3s %4s %12s %12s %12s", "layer", "F", "C", "K", "F²CK + K", "by hand", "DL4J");
        for (ParamCount p : parameterCounts()) {
            out.text("  %-22s %3d %3d %4d %12d %12d %12d", p.layer(), p.f(), p.c(), p.k(), p.formula(), p.byHand(), p.dl4j());
            counts &= p.formula() == p.byHand() && p.formula() == p.dl4j();
        }
        out.check("the formula, the by-hand layer and DL4J give the same counts", counts);
        out.compare(flatParameterOrder());

        out.section("Seeded random cases with 4 and 8 filters: forward and backward, by hand vs DL4J");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.convolution(c).report()).toList();
        out.sweep("many-filter convolution", reports);
    }
}
