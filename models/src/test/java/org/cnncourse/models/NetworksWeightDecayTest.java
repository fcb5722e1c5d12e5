package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.FixedSchedule;

class NetworksWeightDecayTest {
    static final double LEARNING_RATE = 0.01;
    static final double COEFFICIENT = 0.05;

    @TempDir
    Path dir;

    static Model resNet20() {
        Model net = CourseNetworks.get("resnet-20").build().apply(7L);
        Networks.setLearningRate(net, new FixedSchedule(LEARNING_RATE));
        return net;
    }

    static DataSet batch() {
        return batch(28);
    }

    /** Eight random side x side images, labelled 0 to 7. */
    static DataSet batch(int side) {
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, side, side);
        INDArray labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, i % 10, 1);
        }
        return new DataSet(images, labels);
    }

    @Test
    void oneStepShrinksEveryWeightByLearningRateTimesCoefficientAndLeavesBiasesAndBatchNormAlone() {
        Model plain = resNet20();
        Model decayed = resNet20();
        Networks.setWeightDecay(decayed, COEFFICIENT);
        Layer[] before = Networks.layers(decayed);
        Map<String, INDArray> start = new java.util.HashMap<>();
        for (Layer l : before) {
            l.paramTable().forEach((name, p) -> start.put(l.conf().getLayer().getLayerName() + "/" + name, p.dup()));
        }
        Networks.fit(plain, batch());
        Networks.fit(decayed, batch());

        int weightsChecked = 0, othersChecked = 0;
        Layer[] plainLayers = Networks.layers(plain);
        for (int i = 0; i < before.length; i++) {
            Layer d = Networks.layers(decayed)[i];
            for (var e : d.paramTable().entrySet()) {
                String key = d.conf().getLayer().getLayerName() + "/" + e.getKey();
                INDArray withoutDecay = plainLayers[i].paramTable().get(e.getKey());
                INDArray difference = e.getValue().sub(withoutDecay);
                boolean isWeight = e.getKey().equals("W") && d.conf().getLayer() instanceof BaseLayer
                        && !(d.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization);
                if (isWeight) {
                    INDArray expected = start.get(key).mul(-LEARNING_RATE * COEFFICIENT);
                    double relativeError = difference.sub(expected).norm2Number().doubleValue()
                            / expected.norm2Number().doubleValue();
                    assertEquals(0, relativeError, 1e-3, key);
                    weightsChecked++;
                } else {
                    assertEquals(0, difference.norm2Number().doubleValue(), 1e-6, key);
                    othersChecked++;
                }
            }
        }
        assertEquals(22, weightsChecked, "19 3x3 convolutions, 2 shortcuts and the softmax layer");
        assertTrue(othersChecked > 40, "biases and batch-norm parameters: " + othersChecked);
    }

    @Test
    void theDecaySurvivesASavedZip() throws IOException {
        Model net = resNet20();
        Networks.setWeightDecay(net, COEFFICIENT);
        File zip = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, zip, true);
        Model restored = Networks.restore(zip, true);
        for (Layer l : Networks.layers(restored)) {
            if (l.conf().getLayer() instanceof BaseLayer b && l.paramTable().containsKey("W")
                    && !(b instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) {
                assertEquals(1, b.getRegularization().size(), b.getLayerName());
                WeightDecay w = (WeightDecay) b.getRegularization().get(0);
                assertEquals(COEFFICIENT, w.getCoeff().valueAt(0, 0), 0, b.getLayerName());
                assertTrue(w.isApplyLR(), b.getLayerName());
            }
        }
    }

    @Test
    void aNegativeOrNonFiniteCoefficientIsRefusedByValue() {
        Model net = resNet20();
        var e = assertThrows(IllegalArgumentException.class, () -> Networks.setWeightDecay(net, -0.1));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Networks.setWeightDecay(net, Double.NaN));
    }
}
