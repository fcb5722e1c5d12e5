package org.cnncourse.lessons.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnncourse.models.Trainable;
import org.cnncourse.scratch.Optimizer;
import org.cnncourse.scratch.ParamsFile;
import org.cnncourse.scratch.SimpleConvNet;
import org.cnncourse.scratch.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The by-hand SimpleConvNet with the book's Adam, fed by the same DataVec pipelines as DL4J. */
public final class ByHandTrainable implements Trainable {
    private final SimpleConvNet net;
    private final Optimizer.Adam adam;

    public ByHandTrainable(SimpleConvNet net, double learningRate) {
        this.net = net;
        this.adam = new Optimizer.Adam(learningRate);
    }

    public SimpleConvNet network() {
        return net;
    }

    /** Class indices of one-hot label rows. */
    public static int[] labels(INDArray oneHot) {
        INDArray idx = oneHot.argMax(1);
        int[] out = new int[(int) idx.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx.getInt(i);
        }
        return out;
    }

    @Override
    public double fitBatch(DataSet batch) {
        Tensor x = Tensors.fromNd(batch.getFeatures());
        Map<String, Tensor> grads = net.gradient(x, labels(batch.getLabels()));
        double loss = net.lastLoss();
        if (Double.isFinite(loss)) {
            adam.update(net.params(), grads);
        }
        return loss;
    }

    @Override
    public double accuracy(DataSetIterator data) {
        return accuracy(net, data);
    }

    /** The share of images the network classifies right: what {@code train} reports as its accuracy. */
    public static double accuracy(SimpleConvNet net, DataSetIterator data) {
        int correct = 0, total = 0;
        while (data.hasNext()) {
            DataSet ds = data.next();
            int[] predicted = SimpleConvNet.argmax(net.predict(Tensors.fromNd(ds.getFeatures())));
            int[] truth = labels(ds.getLabels());
            for (int i = 0; i < truth.length; i++) {
                correct += predicted[i] == truth[i] ? 1 : 0;
            }
            total += truth.length;
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    @Override
    public void saveCheckpoint(Path dir) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>(net.params());
        for (Map.Entry<String, double[]> e : adam.firstMoments().entrySet()) {
            state.put("adam.m." + e.getKey(), Tensor.of(e.getValue().clone(), e.getValue().length));
        }
        for (Map.Entry<String, double[]> e : adam.secondMoments().entrySet()) {
            state.put("adam.v." + e.getKey(), Tensor.of(e.getValue().clone(), e.getValue().length));
        }
        state.put("adam.iteration", Tensor.of(new double[] {adam.iteration()}, 1));
        ParamsFile.write(dir.resolve("by-hand-checkpoint.params"), state);
    }

    @Override
    public void loadCheckpoint(Path dir) throws IOException {
        Map<String, Tensor> state = ParamsFile.read(dir.resolve("by-hand-checkpoint.params"));
        Map<String, double[]> m = new HashMap<>(), v = new HashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("adam.m.")) {
                m.put(k.substring(7), e.getValue().data());
            } else if (k.startsWith("adam.v.")) {
                v.put(k.substring(7), e.getValue().data());
            } else if (net.params().containsKey(k)) {
                Tensor target = net.params().get(k);
                if (!target.sameShape(e.getValue())) {
                    throw new IOException(dir + ": checkpoint parameter " + k + " has shape "
                            + java.util.Arrays.toString(e.getValue().shape()) + ", the network needs "
                            + java.util.Arrays.toString(target.shape()));
                }
                System.arraycopy(e.getValue().data(), 0, target.data(), 0, target.size());
            }
        }
        adam.restore((int) state.get("adam.iteration").data()[0], m, v);
    }
}
