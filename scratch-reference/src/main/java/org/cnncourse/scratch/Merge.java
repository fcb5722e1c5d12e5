package org.cnncourse.scratch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A node with several inputs: Inception's concatenation along channels, ResNet's element-wise add. */
public interface Merge {
    Tensor forward(List<Tensor> inputs);

    /** dL/d(each input). */
    List<Tensor> backward(Tensor dout);

    /** Stacks (N, Ci, H, W) inputs into (N, sum Ci, H, W). */
    final class Concat implements Merge {
        private int[][] shapes;

        @Override
        public Tensor forward(List<Tensor> inputs) {
            Tensor first = inputs.get(0);
            int n = first.dim(0), h = first.dim(2), w = first.dim(3), total = 0;
            shapes = new int[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                Tensor t = inputs.get(i);
                if (t.rank() != 4 || t.dim(0) != n || t.dim(2) != h || t.dim(3) != w) {
                    throw new ShapeException("Concat: input " + i + " has shape " + Arrays.toString(t.shape())
                            + ", input 0 has " + Arrays.toString(first.shape()) + "; all must share N, H and W");
                }
                shapes[i] = t.shape();
                total += t.dim(1);
            }
            Tensor out = Tensor.zeros(n, total, h, w);
            int hw = h * w;
            for (int b = 0; b < n; b++) {
                int offset = 0;
                for (Tensor t : inputs) {
                    int c = t.dim(1);
                    System.arraycopy(t.data(), b * c * hw, out.data(), (b * total + offset) * hw, c * hw);
                    offset += c;
                }
            }
            return out;
        }

        @Override
        public List<Tensor> backward(Tensor dout) {
            int n = dout.dim(0), total = dout.dim(1), hw = dout.dim(2) * dout.dim(3);
            List<Tensor> grads = new ArrayList<>();
            int offset = 0;
            for (int[] s : shapes) {
                Tensor g = Tensor.zeros(s);
                int c = s[1];
                for (int b = 0; b < n; b++) {
                    System.arraycopy(dout.data(), (b * total + offset) * hw, g.data(), b * c * hw, c * hw);
                }
                grads.add(g);
                offset += c;
            }
            return grads;
        }
    }

    /** Element-wise sum of same-shaped inputs; each input receives the whole upstream gradient. */
    final class Add implements Merge {
        private int count;

        @Override
        public Tensor forward(List<Tensor> inputs) {
            Tensor out = inputs.get(0).copy();
            for (int i = 1; i < inputs.size(); i++) {
                inputs.get(0).requireSameShape(inputs.get(i), "Add: input " + i);
                double[] o = out.data(), v = inputs.get(i).data();
                for (int j = 0; j < o.length; j++) {
                    o[j] += v[j];
                }
            }
            count = inputs.size();
            return out;
        }

        @Override
        public List<Tensor> backward(Tensor dout) {
            List<Tensor> grads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                grads.add(dout.copy());
            }
            return grads;
        }
    }
}
