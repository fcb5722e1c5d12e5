package org.cnncourse.lessons.support;

import java.util.Map;
import org.cnncourse.scratch.Tensor;

/** What one forward and one backward pass of a layer produce. */
public record LayerPass(Tensor output, Tensor inputGradient, Map<String, Tensor> paramGradients) {
}
