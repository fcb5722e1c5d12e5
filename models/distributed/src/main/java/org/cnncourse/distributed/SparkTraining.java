package org.cnncourse.distributed;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A course network trained on Spark: the training images go through the same data-pipelines
 * iterator as local training, are cut into minibatch DataSets, and become an RDD that DL4J's
 * training master spreads over the executors.
 */
public final class SparkTraining {
    private SparkTraining() {
    }

    /** Spark's configuration for a course run; any master URL (local[N], spark://host:7077, yarn). */
    public static SparkConf conf(String master, String appName) {
        return new SparkConf().setMaster(master).setAppName(appName)
                // DL4J's DataSets serialise with Kryo through ND4J's registrator.
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1");
    }

    /** The images as minibatch DataSets, scaled to [0, 1] (and padded/augmented as the options say). */
    public static List<DataSet> batches(ImageSet images, PipelineOptions options) {
        return collect(Pipelines.iterator(images, options));
    }

    /** Every batch of the iterator, copied out of its buffers (the RDD keeps them). */
    public static List<DataSet> collect(DataSetIterator it) {
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            out.add(new DataSet(ds.getFeatures().dup(), ds.getLabels().dup()));
        }
        return out;
    }

    /** Parameter averaging: each executor fits its share, parameters averaged every {@code averaging} minibatches. */
    public static TrainingMaster<?, ?> parameterAveraging(int batchSize, int averaging) {
        // The builder's argument is the number of examples in each DataSet of the RDD: one minibatch each.
        return new ParameterAveragingTrainingMaster.Builder(batchSize).batchSizePerWorker(batchSize).averagingFrequency(averaging)
                .workerPrefetchNumBatches(0).collectTrainingStats(false)
                // Direct: the RDD's DataSets go straight to the workers, no export to temporary files first.
                .rddTrainingApproach(org.deeplearning4j.spark.api.RDDTrainingApproach.Direct).build();
    }

    /**
     * Gradient sharing (Strom 2015): each executor sends only the gradient entries above an
     * adaptive threshold, over DL4J's parameter server (Aeron, UDP) on {@code port} of the driver.
     */
    public static TrainingMaster<?, ?> sharedGradients(int batchSize, String driverAddress, int port) {
        org.nd4j.parameterserver.distributed.conf.VoidConfiguration voidConf =
                org.nd4j.parameterserver.distributed.conf.VoidConfiguration.builder().unicastPort(port)
                        .controllerAddress(driverAddress).networkMask(driverAddress.startsWith("127.") ? "127.0.0.0/8"
                                : driverAddress.substring(0, driverAddress.lastIndexOf('.')) + ".0/24").build();
        return new org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster.Builder(voidConf, batchSize)
                .batchSizePerWorker(batchSize).workersPerNode(1).collectTrainingStats(false)
                .rddTrainingApproach(org.deeplearning4j.spark.api.RDDTrainingApproach.Direct).build();
    }

    public static SparkDl4jMultiLayer network(JavaSparkContext sc, MultiLayerConfiguration conf, TrainingMaster<?, ?> tm) {
        return new SparkDl4jMultiLayer(sc, conf, tm);
    }

    public static Evaluation evaluate(SparkDl4jMultiLayer net, JavaRDD<DataSet> test) {
        return net.doEvaluation(test, 100, new Evaluation())[0];
    }
}
