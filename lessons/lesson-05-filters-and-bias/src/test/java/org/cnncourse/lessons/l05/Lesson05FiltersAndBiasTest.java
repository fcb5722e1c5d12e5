package org.cnncourse.lessons.l05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson05FiltersAndBiasTest {
    static List<ConvCase> cases() {
        return Lesson05FiltersAndBias.cases();
    }


    @Test
    void sweepHasFourAndEightFilters() {
        assertEquals(73, cases().size());
    }

    @Test
    void parameterCountsAgreeWithTheFormulaAndDl4j() {
        List<Lesson05FiltersAndBias.ParamCount> counts = Lesson05FiltersAndBias.parameterCounts();
        for (Lesson05FiltersAndBias.ParamCount p : counts) {
            assertEquals(p.formula(), p.byHand(), p.layer());
            assertEquals(p.formula(), p.dl4j(), p.layer());
        }
        assertEquals(780, counts.get(1).dl4j(), "SimpleConvNet conv1: 5*5*1*30 + 30");
        assertEquals(34_944, counts.get(4).dl4j(), "AlexNet conv1: 11*11*3*96 + 96");
    }

    @Test
    void kFiltersGiveKMaps() {
        LayerComparison.Result r = LayerComparison.convolution(Lesson05FiltersAndBias.fourFilters());
        assertArrayEquals(new int[] {1, 4, 4, 4}, r.byHand().output().shape());
        assertArrayEquals(new int[] {1, 4, 4, 4}, r.dl4j().output().shape());
    }

    @Test
    void eachMapIsShiftedByItsOwnBias() {
        for (double[] row : Lesson05FiltersAndBias.biasPerMap()) {
            assertEquals(row[2], row[0], 1e-12);
            assertEquals(row[2], row[1], 1e-12);
        }
    }

    @Test
    void dl4jStoresTheBiasFirstInTheFlatVector() {
        Comparison c = Lesson05FiltersAndBias.flatParameterOrder();
        assertTrue(c.passed(), c.describe());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson05FiltersAndBias());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
