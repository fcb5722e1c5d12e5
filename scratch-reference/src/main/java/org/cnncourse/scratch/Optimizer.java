package org.cnncourse.scratch;

import java.util.HashMap;
import java.util.Map;

/** Updates parameters in place from their gradients, as the book's optimizer.py does. */
public interface Optimizer {
    void update(Map<String, Tensor> params, Map<String, Tensor> grads);

    /** W <- W - lr * dW. */
    final class Sgd implements Optimizer {
        private final double lr;

        public Sgd(double lr) {
            this.lr = lr;
        }

        @Override
        public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                double[] p = e.getValue().data(), g = grads.get(e.getKey()).data();
                for (int i = 0; i < p.length; i++) {
                    p[i] -= lr * g[i];
                }
            }
        }
    }

    /** v <- momentum * v - lr * dW; W <- W + v. */
    final class Momentum implements Optimizer {
        private final double lr, momentum;
        private final Map<String, double[]> velocity = new HashMap<>();

        public Momentum(double lr, double momentum) {
            this.lr = lr;
            this.momentum = momentum;
        }

        @Override
        public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                double[] p = e.getValue().data(), g = grads.get(e.getKey()).data();
                double[] v = velocity.computeIfAbsent(e.getKey(), k -> new double[p.length]);
                for (int i = 0; i < p.length; i++) {
                    v[i] = momentum * v[i] - lr * g[i];
                    p[i] += v[i];
                }
            }
        }
    }

    /** h <- h + dW²; W <- W - lr * dW / (sqrt(h) + 1e-7). */
    final class AdaGrad implements Optimizer {
        private final double lr;
        private final Map<String, double[]> h = new HashMap<>();

        public AdaGrad(double lr) {
            this.lr = lr;
        }

        @Override
        public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                double[] p = e.getValue().data(), g = grads.get(e.getKey()).data();
                double[] s = h.computeIfAbsent(e.getKey(), k -> new double[p.length]);
                for (int i = 0; i < p.length; i++) {
                    s[i] += g[i] * g[i];
                    p[i] -= lr * g[i] / (Math.sqrt(s[i]) + 1e-7);
                }
            }
        }
    }

    /**
     * Adam as in the book: m and v are running means of dW and dW², and the step
     * lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t) corrects their start-up bias.
     * {@code new Adam(lr, 0.9, 0.999, 1e-7)} in DL4J takes the same steps.
     */
    final class Adam implements Optimizer {
        public static final double BOOK_EPSILON = 1e-7;
        private final double lr, beta1, beta2, epsilon;
        private final Map<String, double[]> m = new HashMap<>(), v = new HashMap<>();
        private int iteration;

        public Adam(double lr) {
            this(lr, 0.9, 0.999, BOOK_EPSILON);
        }

        public Adam(double lr, double beta1, double beta2, double epsilon) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
        }

        @Override
        public void update(Map<String, Tensor> params, Map<String, Tensor> grads) {
            iteration++;
            double lrT = lr * Math.sqrt(1 - Math.pow(beta2, iteration)) / (1 - Math.pow(beta1, iteration));
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                double[] p = e.getValue().data(), g = grads.get(e.getKey()).data();
                double[] mm = m.computeIfAbsent(e.getKey(), k -> new double[p.length]);
                double[] vv = v.computeIfAbsent(e.getKey(), k -> new double[p.length]);
                for (int i = 0; i < p.length; i++) {
                    mm[i] += (1 - beta1) * (g[i] - mm[i]);
                    vv[i] += (1 - beta2) * (g[i] * g[i] - vv[i]);
                    p[i] -= lrT * mm[i] / (Math.sqrt(vv[i]) + epsilon);
                }
            }
        }

        public int iteration() {
            return iteration;
        }

        /** The optimiser's state, for checkpoints: iteration, then m and v of every parameter. */
        public Map<String, double[]> firstMoments() {
            return m;
        }

        public Map<String, double[]> secondMoments() {
            return v;
        }

        public void restore(int iteration, Map<String, double[]> firstMoments, Map<String, double[]> secondMoments) {
            this.iteration = iteration;
            m.clear();
            m.putAll(firstMoments);
            v.clear();
            v.putAll(secondMoments);
        }
    }
}
