package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.FixedSchedule;

class NetworksUpdaterTest {
    static final double LEARNING_RATE = 0.05;
    static final double MOMENTUM = 0.9;

    static Model withNesterov(String network) {
        Model net = CourseNetworks.get(network).build().apply(7L);
        Networks.setUpdater(net, new Nesterovs(LEARNING_RATE, MOMENTUM));
        Networks.setLearningRate(net, new FixedSchedule(LEARNING_RATE));
        return net;
    }

    /** LeNet-5's gradient on the batch, at its present parameters, copied out of DL4J's reused view. */
    static INDArray gradient(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    @Test
    void theFirstNesterovStepMovesEveryParameterByOnePlusMomentumTimesTheLearningRateTimesItsGradient() {
        MultiLayerNetwork net = (MultiLayerNetwork) withNesterov("lenet5");
        DataSet batch = NetworksWeightDecayTest.batch(32); // LeNet-5 reads 32x32 images
        INDArray before = net.params().dup();
        INDArray g = gradient(net, batch);
        Networks.fit(net, batch);
        // v = -lr g from a zero velocity; x += mu v_prev - (1 + mu) v (CS231n's Nesterov form). The gradient
        // DL4J reports is summed over the batch; its updater divides it by the batch size.
        INDArray expected = g.mul(-(1 + MOMENTUM) * LEARNING_RATE / batch.numExamples());
        INDArray step = net.params().sub(before);
        double relativeError = step.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
        assertEquals(0, relativeError, 1e-4);
    }

    @Test
    void theUpdaterStateIsRebuiltForTheNewUpdater() {
        // Adam keeps two numbers per trained parameter, Nesterov's momentum one.
        ComputationGraph adam = (ComputationGraph) CourseNetworks.get("resnet-20").build().apply(7L);
        ComputationGraph nesterov = (ComputationGraph) withNesterov("resnet-20");
        long adamState = adam.getUpdater().getStateViewArray().length();
        long nesterovState = nesterov.getUpdater().getStateViewArray().length();
        assertEquals(adamState, 2 * nesterovState);
        assertTrue(nesterovState > 250_000, "ResNet-20 trains about 270,000 parameters, not " + nesterovState);
        Networks.fit(nesterov, NetworksWeightDecayTest.batch());
        assertTrue(nesterov.score() > 0 && Double.isFinite(nesterov.score()), "loss " + nesterov.score());
    }
}
