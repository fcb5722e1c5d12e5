package org.cnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real datasets, as ./cnn-course installs them (never downloaded by the tests). */
class RealDatasetsTest {
    @Test
    void fashionMnistTrainIsSixtyThousandWithSixThousandPerClass() {
        ImageSet train = CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN);
        assertEquals(60_000, train.size());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
        int[] expected = new int[10];
        java.util.Arrays.fill(expected, 6_000);
        assertArrayEquals(expected, train.labelCounts());
        assertEquals("Ankle boot", train.classNames().get(train.label(0)));
        assertEquals(List.of(9, 0, 0, 3, 0, 2, 7, 2, 5, 5), java.util.stream.IntStream.range(0, 10).map(train::label).boxed().toList());
    }

    @Test
    void fashionMnistTestIsTenThousandWithOneThousandPerClass() {
        ImageSet test = CourseDatasets.fashionMnist(CourseDatasets.Split.TEST);
        assertEquals(10_000, test.size());
        int[] expected = new int[10];
        java.util.Arrays.fill(expected, 1_000);
        assertArrayEquals(expected, test.labelCounts());
        assertEquals(9, test.label(0));
        assertEquals(2, test.label(1));
    }

    @Test
    void fashionMnistKnownPixels() {
        ByteImageSet train = (ByteImageSet) CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN);
        assertEquals(1, train.pixel(0, 3, 12));
        assertEquals(73, train.pixel(0, 3, 16));
        assertEquals(217, train.pixel(0, 14, 14));
        assertEquals(210, train.pixel(0, 10, 20));
        float[] p = train.pixels(0);
        double sum = 0, min = Double.MAX_VALUE, max = -1;
        for (float v : p) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(76_247, sum, 0.0);
        assertEquals(0, min, 0.0);
        assertEquals(255, max, 0.0);
    }

    @Test
    void npmDigitsAreTenThousandRealDigitsWithTheirPerDigitCounts() {
        ImageSet train = CourseDatasets.mnistDigits(CourseDatasets.Split.TRAIN);
        ImageSet test = CourseDatasets.mnistDigits(CourseDatasets.Split.TEST);
        int[] perDigit = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
        int[] trainCounts = train.labelCounts(), testCounts = test.labelCounts();
        for (int d = 0; d < 10; d++) {
            assertEquals(perDigit[d], trainCounts[d] + testCounts[d], "digit " + d);
            assertEquals(Math.round(perDigit[d] * NpmDigits.TEST_FRACTION), testCounts[d], "test share of digit " + d);
        }
        assertEquals(10_000, train.size() + test.size());
        assertEquals(2_000, test.size());
    }

    @Test
    void npmDigitPixelsAreInZeroOneWithKnownValues() throws Exception {
        float[] zeros = NpmDigits.readDigitFile(DataLocations.npmDigitsDir().resolve("0.json"));
        assertEquals(1001 * 784, zeros.length);
        assertEquals(0.2f, zeros[127]);
        assertEquals(0.624f, zeros[128]);
        assertEquals(0.992f, zeros[129]);
        float[] sevens = NpmDigits.readDigitFile(DataLocations.npmDigitsDir().resolve("7.json"));
        assertEquals(0.451f, sevens[211]);
        ImageSet train = CourseDatasets.mnistDigits(CourseDatasets.Split.TRAIN);
        float min = Float.MAX_VALUE, max = -1;
        for (int i = 0; i < train.size(); i += 97) {
            for (float v : train.pixels(i)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void theDigitSplitIsTheSameEveryTimeAndDependsOnTheSeed() throws Exception {
        NpmDigits.Split a = NpmDigits.load(DataLocations.npmDigitsDir());
        NpmDigits.Split b = NpmDigits.load(DataLocations.npmDigitsDir());
        NpmDigits.Split other = NpmDigits.load(DataLocations.npmDigitsDir(), 7, NpmDigits.TEST_FRACTION);
        assertArrayEquals(a.test().pixels(17), b.test().pixels(17));
        assertEquals(a.test().label(5), b.test().label(5));
        boolean differs = false;
        for (int i = 0; i < 20 && !differs; i++) {
            differs = !java.util.Arrays.equals(a.test().pixels(i), other.test().pixels(i));
        }
        assertTrue(differs, "another seed must give another split");
    }
}
