package org.cnncourse.lessons.support;

import java.util.ArrayList;
import java.util.List;

/** All tensors compared for one case (forward output, input gradient, parameter gradients). */
public final class ComparisonReport {
    private final String caseName;
    private final List<Comparison> comparisons = new ArrayList<>();

    public ComparisonReport(String caseName) {
        this.caseName = caseName;
    }

    public ComparisonReport add(Comparison c) {
        comparisons.add(c);
        return this;
    }

    public List<Comparison> comparisons() {
        return List.copyOf(comparisons);
    }

    public String caseName() {
        return caseName;
    }

    public boolean passed() {
        return !comparisons.isEmpty() && comparisons.stream().allMatch(Comparison::passed);
    }

    public double worstRelativeDiff() {
        return comparisons.stream().mapToDouble(Comparison::relativeDiff).max().orElse(Double.NaN);
    }

    /** Throws an AssertionError naming the case, the tensor, the index and both values. */
    public void assertPassed() {
        if (comparisons.isEmpty()) {
            throw new AssertionError(caseName + ": nothing was compared");
        }
        for (Comparison c : comparisons) {
            if (!c.passed()) {
                throw new AssertionError(caseName + ": " + c.describe());
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(caseName).append('\n');
        for (Comparison c : comparisons) {
            sb.append("  ").append(c.describe()).append('\n');
        }
        return sb.toString();
    }
}
