package org.cnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class PipelineTest {

    /** 25 small 8-bit images whose pixels encode their index, labels index mod 10. */
    static ByteImageSet synthetic() {
        int n = 25, rows = 6, cols = 5;
        byte[] px = new byte[n * rows * cols];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < rows * cols; p++) {
                px[i * rows * cols + p] = (byte) ((i * 10 + p) % 256);
            }
        }
        return new ByteImageSet("synthetic", n, rows, cols, px, labels, CourseDatasets.DIGIT_CLASSES);
    }

    static List<DataSet> all(DataSetIterator it) {
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    static List<Integer> labelSequence(DataSetIterator it) {
        List<Integer> labels = new ArrayList<>();
        for (DataSet ds : all(it)) {
            INDArray l = ds.getLabels();
            for (int i = 0; i < l.rows(); i++) {
                labels.add(l.getRow(i).argMax().getInt(0));
            }
        }
        return labels;
    }

    @Test
    void batchesAreNchwOneHotAndScaledToZeroOne() {
        ByteImageSet set = synthetic();
        List<DataSet> batches = all(Pipelines.iterator(set, PipelineOptions.evaluation(10)));
        assertEquals(3, batches.size());
        assertArrayEquals(new long[] {10, 1, 6, 5}, batches.get(0).getFeatures().shape());
        assertArrayEquals(new long[] {5, 1, 6, 5}, batches.get(2).getFeatures().shape(), "the last batch is partial, not dropped");
        assertArrayEquals(new long[] {10, 10}, batches.get(0).getLabels().shape());
        INDArray f = batches.get(1).getFeatures();
        // image 13, pixel (2, 3) = (13*10 + 13) % 256 = 143, scaled by 255
        assertEquals(143 / 255.0, f.getDouble(3, 0, 2, 3), 1e-6);
        assertTrue(f.minNumber().doubleValue() >= 0 && f.maxNumber().doubleValue() <= 1);
        INDArray l = batches.get(1).getLabels();
        assertEquals(1.0, l.getDouble(3, 3), 0.0);
        assertEquals(1.0, l.sumNumber().doubleValue(), 9.0 + 1e-9);
    }

    @Test
    void floatImagesInZeroOneAreNotDividedBy255() {
        float[] px = new float[4];
        java.util.Arrays.fill(px, 0.5f);
        FloatImageSet set = new FloatImageSet("f", 2, 2, px, new int[] {3}, CourseDatasets.DIGIT_CLASSES);
        DataSet ds = Pipelines.iterator(set, PipelineOptions.evaluation(4)).next();
        assertEquals(0.5, ds.getFeatures().getDouble(0, 0, 1, 1), 1e-7);
    }

    @Test
    void shufflingIsFixedBySeedAndChangesEachEpoch() {
        ByteImageSet set = synthetic();
        List<Integer> a = labelSequence(Pipelines.iterator(set, PipelineOptions.training(7, 42)));
        List<Integer> b = labelSequence(Pipelines.iterator(set, PipelineOptions.training(7, 42)));
        List<Integer> c = labelSequence(Pipelines.iterator(set, PipelineOptions.training(7, 43)));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(25, a.size());
        DataSetIterator it = Pipelines.iterator(set, PipelineOptions.training(7, 42).withPrefetch(0));
        List<Integer> epoch1 = labelSequence(it);
        it.reset();
        List<Integer> epoch2 = labelSequence(it);
        assertNotEquals(epoch1, epoch2);
        List<Integer> sorted1 = new ArrayList<>(epoch1), sorted2 = new ArrayList<>(epoch2);
        java.util.Collections.sort(sorted1);
        java.util.Collections.sort(sorted2);
        assertEquals(sorted1, sorted2, "every image once per epoch");
    }

    @Test
    void paddingTo32KeepsThePictureInTheMiddle() {
        ImageSet set = CourseDatasets.mnistDigits(CourseDatasets.Split.TEST);
        DataSet ds = Pipelines.iterator(set, PipelineOptions.evaluation(3).withPadTo(32)).next();
        INDArray f = ds.getFeatures();
        assertArrayEquals(new long[] {3, 1, 32, 32}, f.shape());
        float[] original = set.pixels(0);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(original[y * 28 + x], f.getDouble(0, 0, y + 2, x + 2), 1e-6);
            }
        }
        assertEquals(0.0, f.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2), org.nd4j.linalg.indexing.NDArrayIndex.all()).sumNumber().doubleValue(), 0.0);
    }

    @Test
    void resizingGivesTheRequestedSide() {
        DataSet ds = Pipelines.iterator(synthetic(), PipelineOptions.evaluation(4).withResizeTo(64)).next();
        assertArrayEquals(new long[] {4, 1, 64, 64}, ds.getFeatures().shape());
    }

    @Test
    void paddingSmallerThanTheImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipelines.iterator(synthetic(), PipelineOptions.evaluation(4).withPadTo(4)));
        assertTrue(e.getMessage().contains("padTo 4 is smaller than the 6x5 images of synthetic"), e.getMessage());
    }

    @Test
    void augmentationIsReproducibleBySeed() {
        ImageSet set = CourseDatasets.mnistDigits(CourseDatasets.Split.TEST);
        PipelineOptions o = PipelineOptions.training(16, 5).withAugmentation(Augmentation.lecture(11));
        INDArray a = Pipelines.iterator(set, o).next().getFeatures();
        INDArray b = Pipelines.iterator(set, o).next().getFeatures();
        INDArray c = Pipelines.iterator(set, o.withAugmentation(Augmentation.lecture(12))).next().getFeatures();
        INDArray plain = Pipelines.iterator(set, o.withAugmentation(Augmentation.none())).next().getFeatures();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(a, plain);
        assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1 + 1e-6);
    }

    @Test
    void twoAugmentedReadersSideBySideGiveTheSameImages() {
        ImageSet set = CourseDatasets.mnistDigits(CourseDatasets.Split.TEST);
        PipelineOptions o = PipelineOptions.training(16, 5).withAugmentation(Augmentation.lecture(11));
        ImageSetRecordReader a = new ImageSetRecordReader(set, o), b = new ImageSetRecordReader(set, o);
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(a.transformed(i), b.transformed(i), "image " + i);
        }
    }

    @Test
    void eachTransformWorksOnASingleImage() {
        float[] px = new float[6 * 5];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        SingleImage.Image flipped = SingleImage.apply(new HorizontalFlipTransform(new Random(1), 1.0), px, 6, 5);
        assertEquals(px[4], flipped.pixels()[0]);
        assertEquals(px[0], flipped.pixels()[4]);

        SingleImage.Image shifted = SingleImage.apply(new ShiftTransform(new Random(3), 2), px, 6, 5);
        assertEquals(30, shifted.pixels().length);
        boolean foundOffset = false;
        for (int dy = -2; dy <= 2 && !foundOffset; dy++) {
            for (int dx = -2; dx <= 2 && !foundOffset; dx++) {
                foundOffset = matchesShift(px, shifted.pixels(), 6, 5, dx, dy);
            }
        }
        assertTrue(foundOffset, "the output is the input moved by at most 2 pixels");

        float[] grey = new float[30];
        java.util.Arrays.fill(grey, 200);
        SingleImage.Image cb = SingleImage.apply(new ContrastBrightnessTransform(new Random(1), 0.5, 0.5, 255), grey, 6, 5);
        for (float v : cb.pixels()) {
            assertTrue(v >= 0 && v <= 255, "clipped to the pixel range: " + v);
        }
        assertNotEquals(200f, cb.pixels()[0]);

        SingleImage.Image crop = SingleImage.apply(new RandomResizedCropTransform(new Random(2), 0.6), px, 6, 5);
        assertEquals(6, crop.rows());
        assertEquals(5, crop.cols());
    }

    @Test
    void randomErasingFillsOneRectangleWithNoiseAndLeavesTheRestAlone() {
        int rows = 28, cols = 28;
        float[] px = new float[rows * cols];
        java.util.Arrays.fill(px, 2f); // outside [0, 1], so every erased pixel shows
        for (long seed = 1; seed <= 20; seed++) {
            float[] out = SingleImage.apply(new RandomErasingTransform(new Random(seed), 1.0, 1.0), px, rows, cols).pixels();
            int top = rows, bottom = -1, left = cols, right = -1, erased = 0;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    if (out[y * cols + x] != 2f) {
                        assertTrue(out[y * cols + x] >= 0 && out[y * cols + x] <= 1, "noise in the pixel range");
                        erased++;
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
            int box = (bottom - top + 1) * (right - left + 1);
            assertEquals(box, erased, "seed " + seed + ": the erased pixels fill one rectangle");
            // 2-40% of the area, each side rounded to whole pixels.
            assertTrue(box >= 0.02 * rows * cols / 2 && box <= 0.4 * rows * cols * 1.15,
                    "seed " + seed + ": erased " + box + " of " + rows * cols + " pixels");
        }
        float[] again = SingleImage.apply(new RandomErasingTransform(new Random(3), 1.0, 1.0), px, rows, cols).pixels();
        assertArrayEquals(SingleImage.apply(new RandomErasingTransform(new Random(3), 1.0, 1.0), px, rows, cols).pixels(), again);
        assertArrayEquals(px, SingleImage.apply(new RandomErasingTransform(new Random(3), 0.0, 1.0), px, rows, cols).pixels());
    }

    @Test
    void erasingInThePipelineChangesSomeImagesAndIsReproducible() {
        ImageSet set = CourseDatasets.fashionMnist(CourseDatasets.Split.TEST);
        PipelineOptions o = PipelineOptions.training(32, 5);
        INDArray plain = Pipelines.iterator(set, o).next().getFeatures();
        INDArray erased = Pipelines.iterator(set, o.withAugmentation(Augmentation.none().withErasing(0.5))).next().getFeatures();
        assertEquals(erased, Pipelines.iterator(set, o.withAugmentation(Augmentation.none().withErasing(0.5))).next().getFeatures());
        int changed = 0;
        for (int i = 0; i < 32; i++) {
            changed += plain.slice(i).equals(erased.slice(i)) ? 0 : 1;
        }
        assertTrue(changed > 4 && changed < 28, changed + " of 32 images erased at probability 0.5");
        assertTrue(erased.minNumber().doubleValue() >= 0 && erased.maxNumber().doubleValue() <= 1 + 1e-6);
    }

    static boolean matchesShift(float[] in, float[] out, int rows, int cols, int dx, int dy) {
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int sy = y - dy, sx = x - dx;
                float expected = sy >= 0 && sy < rows && sx >= 0 && sx < cols ? in[sy * cols + sx] : 0;
                if (out[y * cols + x] != expected) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void theWholeFashionTestSetPassesThroughOnce() {
        ImageSet test = CourseDatasets.fashionMnist(CourseDatasets.Split.TEST);
        DataSetIterator it = Pipelines.iterator(test, PipelineOptions.evaluation(128));
        int images = 0, batches = 0;
        int[] perClass = new int[10];
        while (it.hasNext()) {
            DataSet ds = it.next();
            batches++;
            images += ds.numExamples();
            INDArray counts = ds.getLabels().sum(0);
            for (int k = 0; k < 10; k++) {
                perClass[k] += counts.getInt(k);
            }
        }
        assertEquals(10_000, images);
        assertEquals(79, batches);
        for (int k = 0; k < 10; k++) {
            assertEquals(1_000, perClass[k]);
        }
    }

    @Test
    void sampleExportWritesReadablePngs(@TempDir Path dir) throws Exception {
        ImageSet test = CourseDatasets.fashionMnist(CourseDatasets.Split.TEST);
        List<Path> files = SampleExport.firstImages(test, 3, dir);
        assertEquals(3, files.size());
        assertEquals("00000-Ankle_boot.png", files.get(0).getFileName().toString());
        var img = ImageIO.read(files.get(0).toFile());
        assertEquals(28, img.getWidth());
        float[] px = test.pixels(0);
        assertEquals(Math.round(px[14 * 28 + 14]), img.getRaster().getSample(14, 14, 0));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
