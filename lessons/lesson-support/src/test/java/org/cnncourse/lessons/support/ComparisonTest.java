package org.cnncourse.lessons.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    @Test
    void reportsTheFirstMismatchWithIndexAndBothValues() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        Tensor b = Tensor.of(new double[] {1, 2, 3, 4.5, 5, 7}, 1, 2, 3);
        Comparison c = Comparison.of("output", a, b, 1e-9);
        assertFalse(c.passed());
        assertArrayEquals(new int[] {0, 1, 0}, c.firstMismatch());
        assertEquals(4.0, c.byHandValue());
        assertEquals(4.5, c.dl4jValue());
        assertEquals(1.0, c.maxAbsDiff());
        assertTrue(c.describe().contains("first mismatch at [0, 1, 0], by hand 4.00000000000000, DL4J 4.50000000000000"), c.describe());
    }

    @Test
    void toleranceIsRelativeToTheMagnitude() {
        Tensor a = Tensor.of(new double[] {1e6, 1}, 2);
        Tensor b = Tensor.of(new double[] {1e6 + 1e-4, 1}, 2);
        assertTrue(Comparison.of("big", a, b, 1e-9).passed());
        assertFalse(Comparison.of("big", a, b, 1e-11).passed());
    }

    @Test
    void nanNeverPasses() {
        Tensor a = Tensor.of(new double[] {1, 2}, 2);
        Tensor b = Tensor.of(new double[] {1, Double.NaN}, 2);
        assertFalse(Comparison.of("nan", a, b, 1e-9).passed());
    }

    @Test
    void differentShapesFail() {
        Comparison c = Comparison.of("x", Tensor.zeros(2, 3), Tensor.zeros(3, 2), 1e-9);
        assertFalse(c.passed());
        assertTrue(c.describe().contains("shapes differ"));
    }

    @Test
    void emptyReportDoesNotPass() {
        ComparisonReport r = new ComparisonReport("nothing");
        assertFalse(r.passed());
        assertThrows(AssertionError.class, r::assertPassed);
    }
}
