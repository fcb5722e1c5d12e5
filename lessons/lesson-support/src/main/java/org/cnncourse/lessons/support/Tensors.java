package org.cnncourse.lessons.support;

import org.cnncourse.scratch.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves values between the by-hand {@link Tensor} and ND4J's INDArray, both row-major. */
public final class Tensors {
    private Tensors() {
    }

    public static INDArray toNd(Tensor t) {
        int[] s = t.shape();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = s[i];
        }
        return Nd4j.create(t.data().clone(), shape, DataType.DOUBLE);
    }

    public static Tensor fromNd(INDArray a) {
        long[] s = a.shape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        // A plain row-major array is read straight from its buffer; views are copied in order first.
        boolean plain = a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a)
                && a.offset() == 0 && a.data().length() == a.length();
        double[] data = (plain ? a : a.dup('c')).data().asDouble();
        return Tensor.of(data, shape);
    }
}
