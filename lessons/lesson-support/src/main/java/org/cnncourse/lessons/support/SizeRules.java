package org.cnncourse.lessons.support;

import org.cnncourse.scratch.SizeRule;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/** DL4J's ConvolutionMode and the by-hand {@link SizeRule} side by side. */
public final class SizeRules {
    private SizeRules() {
    }

    public static SizeRule of(ConvolutionMode mode) {
        return switch (mode) {
            case Strict -> SizeRule.STRICT;
            case Truncate -> SizeRule.TRUNCATE;
            case Same -> SizeRule.SAME;
            default -> throw new IllegalArgumentException("ConvolutionMode " + mode
                    + " has no by-hand counterpart (use Strict, Truncate or Same)");
        };
    }
}
