package org.cnncourse.distributed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.models.SimpleConvNet;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

class SparkTrainingTest {
    @Test
    void parameterAveragingInLocalModeLowersTheLossAndLearns() {
        var train = ImageSets.first(CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN), 2000);
        var test = ImageSets.first(CourseDatasets.fashionMnist(CourseDatasets.Split.TEST), 1000);
        try (JavaSparkContext sc = new JavaSparkContext(SparkTraining.conf("local[2]", "cnn-course-test"))) {
            List<DataSet> batches = SparkTraining.batches(train, PipelineOptions.training(50, 1).withPrefetch(0));
            JavaRDD<DataSet> rdd = sc.parallelize(batches, 2);
            JavaRDD<DataSet> testRdd = sc.parallelize(SparkTraining.batches(test, PipelineOptions.evaluation(100)), 2);
            SparkDl4jMultiLayer net = SparkTraining.network(sc, SimpleConvNet.configuration(28, 28, 1, 10, 1, DataType.FLOAT),
                    SparkTraining.parameterAveraging(50, 5));
            double first = Double.NaN;
            for (int e = 0; e < 3; e++) {
                net.fit(rdd);
                double score = net.getScore();
                System.out.println("spark epoch " + (e + 1) + " score " + score);
                if (e == 0) {
                    first = score;
                }
            }
            double acc = SparkTraining.evaluate(net, testRdd).accuracy();
            System.out.println("spark accuracy " + acc);
            assertTrue(net.getScore() < first, "loss " + first + " -> " + net.getScore());
            assertTrue(acc > 0.6, "accuracy " + acc);
        }
    }
}
