"""The book's SimpleConvNet in numpy, timed on the batches `./cnn-course bench simple-convnet` writes.

Usage: python3 book_simple_convnet.py IMAGES LABELS BATCH ROUNDS
IMAGES: float64 little-endian (N, 1, 28, 28); LABELS: int32 (N). Prints one line per round:
"train <images/s>" and "infer <images/s>", after one warm-up pass.

The layers follow "Deep Learning from Scratch" chapter 7: im2col by slicing per filter cell,
one np.dot per convolution, max pooling over im2col rows, Adam with the book's formulas.
"""
import sys
import time

import numpy as np


def im2col(x, fh, fw, stride=1):
    n, c, h, w = x.shape
    oh, ow = (h - fh) // stride + 1, (w - fw) // stride + 1
    col = np.zeros((n, c, fh, fw, oh, ow))
    for y in range(fh):
        for xx in range(fw):
            col[:, :, y, xx, :, :] = x[:, :, y:y + stride * oh:stride, xx:xx + stride * ow:stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def col2im(col, shape, fh, fw, stride=1):
    n, c, h, w = shape
    oh, ow = (h - fh) // stride + 1, (w - fw) // stride + 1
    col = col.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros(shape)
    for y in range(fh):
        for xx in range(fw):
            img[:, :, y:y + stride * oh:stride, xx:xx + stride * ow:stride] += col[:, :, y, xx, :, :]
    return img


class Net:
    def __init__(self, rng):
        he = lambda fan_in: np.sqrt(2.0 / fan_in)
        self.p = {
            "W1": rng.standard_normal((30, 1, 5, 5)) * he(25), "b1": np.zeros(30),
            "W2": rng.standard_normal((4320, 100)) * he(4320), "b2": np.zeros(100),
            "W3": rng.standard_normal((100, 10)) * he(100), "b3": np.zeros(10),
        }
        self.m = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.t = 0

    def forward(self, x):
        n = x.shape[0]
        self.x = x
        self.col = im2col(x, 5, 5)
        conv = (self.col @ self.p["W1"].reshape(30, -1).T + self.p["b1"]).reshape(n, 24, 24, 30).transpose(0, 3, 1, 2)
        self.relu1 = conv <= 0
        r1 = conv.copy()
        r1[self.relu1] = 0
        self.r1_shape = r1.shape
        pc = im2col(r1, 2, 2, stride=2).reshape(-1, 4)
        self.arg = np.argmax(pc, axis=1)
        pool = np.max(pc, axis=1).reshape(n, 12, 12, 30).transpose(0, 3, 1, 2)
        self.flat = pool.reshape(n, -1)
        a1 = self.flat @ self.p["W2"] + self.p["b2"]
        self.relu2 = a1 <= 0
        self.h = a1.copy()
        self.h[self.relu2] = 0
        return self.h @ self.p["W3"] + self.p["b3"]

    def gradient(self, x, t):
        n = x.shape[0]
        s = self.forward(x)
        s = s - s.max(axis=1, keepdims=True)
        y = np.exp(s)
        y /= y.sum(axis=1, keepdims=True)
        d = y.copy()
        d[np.arange(n), t] -= 1
        d /= n
        g = {"W3": self.h.T @ d, "b3": d.sum(axis=0)}
        d = d @ self.p["W3"].T
        d[self.relu2] = 0
        g["W2"], g["b2"] = self.flat.T @ d, d.sum(axis=0)
        d = (d @ self.p["W2"].T).reshape(n, 30, 12, 12).transpose(0, 2, 3, 1)
        dmax = np.zeros((d.size, 4))
        dmax[np.arange(self.arg.size), self.arg] = d.flatten()
        dconv = col2im(dmax.reshape(n * 12 * 12, -1), self.r1_shape, 2, 2, stride=2)
        dconv[self.relu1] = 0
        dout = dconv.transpose(0, 2, 3, 1).reshape(-1, 30)
        g["b1"] = dout.sum(axis=0)
        g["W1"] = (self.col.T @ dout).T.reshape(30, 1, 5, 5)
        col2im(dout @ self.p["W1"].reshape(30, -1), x.shape, 5, 5)  # dx, as the book computes it
        return g

    def adam(self, g, lr=0.001, b1=0.9, b2=0.999):
        self.t += 1
        lr_t = lr * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)
        for k in self.p:
            self.m[k] += (1 - b1) * (g[k] - self.m[k])
            self.v[k] += (1 - b2) * (g[k] ** 2 - self.v[k])
            self.p[k] -= lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)


def blas_kernel():
    """The kernel numpy's OpenBLAS picked for this CPU, asked of the library itself."""
    import ctypes
    import glob
    import os
    here = os.path.dirname(np.__file__)
    for lib in glob.glob(os.path.join(here, "..", "numpy.libs", "*openblas*")) + glob.glob(os.path.join(here, ".libs", "*openblas*")):
        handle = ctypes.CDLL(lib)
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename64_",
                     "openblas_get_corename"):
            if hasattr(handle, name):
                fn = getattr(handle, name)
                fn.restype = ctypes.c_char_p
                return fn().decode()
    return "unknown"


def main():
    images, labels, batch, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    print("kernel %s" % blas_kernel(), flush=True)
    x = np.fromfile(images, dtype="<f8").reshape(-1, 1, 28, 28)
    t = np.fromfile(labels, dtype="<i4")
    batches = [(x[i:i + batch], t[i:i + batch]) for i in range(0, len(x), batch)]
    net = Net(np.random.default_rng(1))
    for xb, tb in batches:  # warm-up
        net.adam(net.gradient(xb, tb))
    for _ in range(rounds):
        start = time.perf_counter()
        for xb, tb in batches:
            net.adam(net.gradient(xb, tb))
        print("train %.1f" % (len(x) / (time.perf_counter() - start)), flush=True)
        start = time.perf_counter()
        for xb, _ in batches:
            net.forward(xb)
        print("infer %.1f" % (len(x) / (time.perf_counter() - start)), flush=True)


if __name__ == "__main__":
    main()
