package org.cnncourse.runner;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.DataLocations;
import org.cnncourse.data.ImageSet;
import picocli.CommandLine.Command;

/** Where the datasets are and what they hold (./cnn-course installs missing ones before this runs). */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Find or install the course's datasets and print where they are and what they hold.")
final class DatasetsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Fashion-MNIST:  " + DataLocations.fashionMnistDir());
        print(CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN));
        print(CourseDatasets.fashionMnist(CourseDatasets.Split.TEST));
        System.out.println("MNIST digits:   " + DataLocations.npmDigitsDir());
        print(CourseDatasets.mnistDigits(CourseDatasets.Split.TRAIN));
        print(CourseDatasets.mnistDigits(CourseDatasets.Split.TEST));
        return 0;
    }

    private static void print(ImageSet s) {
        System.out.printf("  %-28s %6d images %dx%d, per class %s%n", s.name(), s.size(), s.rows(), s.cols(),
                Arrays.toString(s.labelCounts()));
    }
}
