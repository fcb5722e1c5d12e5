package org.cnncourse.scratch;

import java.util.Arrays;
import java.util.Random;

/**
 * A dense array of doubles with a shape, stored row-major ('c' order).
 * Images are NCHW: (batch N, channels C, height H, width W), as in the book and DL4J.
 */
public final class Tensor {
    private final double[] data;
    private final int[] shape;

    private Tensor(double[] data, int[] shape) {
        long size = sizeOf(shape);
        if (size != data.length) {
            throw new ShapeException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values but " + data.length + " were given");
        }
        this.data = data;
        this.shape = shape.clone();
    }

    /** Wraps {@code data} (not copied) with the given shape. */
    public static Tensor of(double[] data, int... shape) {
        return new Tensor(data, shape);
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new double[checkedSize(shape)], shape);
    }

    /** A 2-D tensor from rows, handy for the lecture's worked examples. */
    public static Tensor matrix(double[][] rows) {
        int h = rows.length, w = rows[0].length;
        double[] d = new double[h * w];
        for (int i = 0; i < h; i++) {
            if (rows[i].length != w) {
                throw new ShapeException("row " + i + " has " + rows[i].length + " values, row 0 has " + w);
            }
            System.arraycopy(rows[i], 0, d, i * w, w);
        }
        return new Tensor(d, new int[] {h, w});
    }

    /** Values drawn from N(0, std^2) with a fixed seed. */
    public static Tensor randn(Random random, double std, int... shape) {
        double[] d = new double[checkedSize(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextGaussian() * std;
        }
        return new Tensor(d, shape);
    }

    /** Values drawn uniformly from [-1, 1) with a fixed seed. */
    public static Tensor uniform(Random random, int... shape) {
        double[] d = new double[checkedSize(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextDouble() * 2 - 1;
        }
        return new Tensor(d, shape);
    }

    public double[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The same values with another shape; one dimension may be -1, as in numpy, and is then inferred. */
    public Tensor reshape(int... newShape) {
        int[] shape = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1 && inferred < 0) {
                inferred = i;
            } else {
                known *= shape[i];
            }
        }
        if (inferred >= 0) {
            if (known <= 0 || data.length % known != 0) {
                throw new ShapeException("cannot reshape " + data.length + " values to " + Arrays.toString(newShape));
            }
            shape[inferred] = (int) (data.length / known);
        }
        return new Tensor(data, shape);
    }

    /**
     * The matrix product of two 2-D tensors, (m, k) x (k, n) = (m, n): numpy's {@code np.dot}.
     * The plain triple loop, in i-k-j order so that the innermost loop runs along rows.
     */
    public Tensor matmul(Tensor other) {
        if (rank() != 2 || other.rank() != 2 || shape[1] != other.shape[0]) {
            throw new ShapeException("matmul needs (m, k) x (k, n) but got " + Arrays.toString(shape)
                    + " x " + Arrays.toString(other.shape));
        }
        int m = shape[0], k = shape[1], n = other.shape[1];
        double[] c = new double[checkedSize(new int[] {m, n})];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double a = data[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += a * other.data[p * n + j];
                }
            }
        }
        return new Tensor(c, new int[] {m, n});
    }

    /** The transpose of a 2-D tensor: numpy's {@code x.T}. */
    public Tensor transpose() {
        if (rank() != 2) {
            throw new ShapeException("transpose() needs a 2-D tensor, this one has shape " + Arrays.toString(shape));
        }
        return transpose(1, 0);
    }

    /**
     * The axes reordered: numpy's {@code x.transpose(axes)}. Axis i of the result is axis
     * {@code axes[i]} of this tensor; the values are copied into the new order.
     */
    public Tensor transpose(int... axes) {
        if (axes.length != shape.length) {
            throw new ShapeException("transpose" + Arrays.toString(axes) + " needs one axis for each of the "
                    + shape.length + " dimensions of " + Arrays.toString(shape));
        }
        int[] newShape = new int[axes.length];
        boolean[] used = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= axes.length || used[axes[i]]) {
                throw new ShapeException("transpose" + Arrays.toString(axes) + " must name each axis 0.."
                        + (axes.length - 1) + " exactly once");
            }
            used[axes[i]] = true;
            newShape[i] = shape[axes[i]];
        }
        // stride[a]: how far apart two neighbours along axis a of this tensor lie in data
        int[] stride = new int[shape.length];
        for (int a = shape.length - 1, step = 1; a >= 0; a--) {
            stride[a] = step;
            step *= shape[a];
        }
        Tensor out = zeros(newShape);
        int[] index = new int[newShape.length]; // index of out, counted up like an odometer
        for (int flat = 0; flat < out.data.length; flat++) {
            int from = 0;
            for (int i = 0; i < axes.length; i++) {
                from += index[i] * stride[axes[i]];
            }
            out.data[flat] = data[from];
            for (int i = index.length - 1; i >= 0 && ++index[i] == newShape[i]; i--) {
                index[i] = 0;
            }
        }
        return out;
    }

    /** A 2-D tensor plus a vector added to every row: numpy's broadcasting in {@code x + b}. */
    public Tensor plusRow(Tensor row) {
        if (rank() != 2 || row.size() != shape[1]) {
            throw new ShapeException("plusRow: a row of " + row.size() + " values cannot be added to every row of "
                    + Arrays.toString(shape));
        }
        Tensor out = copy();
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < shape[1]; j++) {
                out.data[i * shape[1] + j] += row.data[j];
            }
        }
        return out;
    }

    /** The sum down each column of a 2-D tensor: numpy's {@code np.sum(x, axis=0)}. */
    public Tensor sumAxis0() {
        if (rank() != 2) {
            throw new ShapeException("sumAxis0 needs a 2-D tensor, this one has shape " + Arrays.toString(shape));
        }
        Tensor out = zeros(shape[1]);
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < shape[1]; j++) {
                out.data[j] += data[i * shape[1] + j];
            }
        }
        return out;
    }

    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    public double get(int... index) {
        return data[offset(index)];
    }

    public void set(double value, int... index) {
        data[offset(index)] = value;
    }

    /** Row-major flat position of a multi-dimensional index. */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new ShapeException("index " + Arrays.toString(index) + " has rank " + index.length
                    + " but the tensor has shape " + Arrays.toString(shape));
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index)
                        + " is outside shape " + Arrays.toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /** The multi-dimensional index of a flat position (for mismatch reports). */
    public int[] indexOf(int flat) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    public double sum() {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return s;
    }

    /** Sum of element-wise products, e.g. to reduce an upstream gradient to a scalar loss. */
    public double dot(Tensor other) {
        requireSameShape(other, "dot");
        double s = 0;
        for (int i = 0; i < data.length; i++) {
            s += data[i] * other.data[i];
        }
        return s;
    }

    void requireSameShape(Tensor other, String what) {
        if (!sameShape(other)) {
            throw new ShapeException(what + ": shapes " + Arrays.toString(shape) + " and "
                    + Arrays.toString(other.shape) + " differ");
        }
    }

    public static long sizeOf(int[] shape) {
        long s = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("negative dimension in shape " + Arrays.toString(shape));
            }
            s *= d;
        }
        return s;
    }

    public static int checkedSize(int[] shape) {
        long s = sizeOf(shape);
        if (s > Integer.MAX_VALUE - 8) {
            throw new ShapeException("shape " + Arrays.toString(shape) + " has " + s
                    + " values, more than one Java array can hold");
        }
        return (int) s;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape));
        if (shape.length == 2 && data.length <= 400) {
            sb.append('\n');
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    sb.append(String.format("%9.4f", data[i * shape[1] + j]));
                }
                sb.append('\n');
            }
        } else if (data.length <= 16) {
            sb.append(' ').append(Arrays.toString(data));
        }
        return sb.toString();
    }
}
