package org.cnncourse.lessons.l11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cnncourse.lessons.support.Comparison;
import org.junit.jupiter.api.Test;

class Lesson11VisualizeFiltersTest {
    /** Kept in target/ so a person can look at the pictures after the build. */
    Path dir = Path.of(System.getProperty("cnncourse.out", "target/out")).resolve("lesson-11");

    @Test
    void drawsTheFiltersAsTheLectureDoesAndTheyTurnFromNoiseIntoStructureOnBothSides() throws Exception {
        Path root = Lesson11VisualizeFilters.root();
        Lesson11VisualizeFilters.Result r = Lesson11VisualizeFilters.draw(root.resolve(Lesson11VisualizeFilters.MODEL),
                root.resolve(Lesson11VisualizeFilters.BY_HAND_PARAMS), dir);
        assertTrue(r.lectureInit(), "the shipped SimpleConvNet starts from the lecture's weight_init_std=0.01");
        assertEquals(List.of("DL4J", "by hand"), r.filters().stream().map(Lesson11VisualizeFilters.Filters::implementation).toList());
        for (Lesson11VisualizeFilters.Filters f : r.filters()) {
            BufferedImage after = ImageIO.read(f.after().toFile());
            // 30 filters of 5x5 scaled by 12, 8 per row (4 rows) with 3-pixel gaps, as filter_show(nx=8)
            assertEquals(8 * (60 + 3) + 3, after.getWidth());
            assertEquals(4 * (60 + 3) + 3, after.getHeight());
            // Random N(0, 0.01²) weights have no structure; trained ones do.
            assertTrue(Math.abs(f.smoothnessBefore()) < 0.1, f.toString());
            assertTrue(f.smoothnessAfter() > f.smoothnessBefore() + Lesson11VisualizeFilters.SMOOTHER_BY, f.toString());
        }
        assertEquals(5, r.featureMaps().size(), "the input, conv1, pool1, affine1 and the softmax");
        for (Comparison c : r.byHandVsDl4j()) {
            assertTrue(c.passed(), c.describe());
        }
    }

    @Test
    void grayRDrawsTheLargestWeightBlackAsTheLectureDoes() {
        TileImages.Tile t = new TileImages.Tile(new double[] {-1, 0, 2, 1}, 2, 2);
        BufferedImage dark = TileImages.grid(List.of(t), 1, 1, 0, TileImages.Shade.LARGE_DARK);
        BufferedImage bright = TileImages.grid(List.of(t), 1, 1, 0, TileImages.Shade.LARGE_BRIGHT);
        assertEquals(0, dark.getRGB(0, 1) & 0xff, "the largest value, 2, is black in gray_r");
        assertEquals(255, dark.getRGB(0, 0) & 0xff, "the smallest, -1, is white");
        assertEquals(255, bright.getRGB(0, 1) & 0xff);
    }

    @Test
    void aTileOfRandomNoiseIsNotSmoothAndAGradientIs() {
        java.util.Random random = new java.util.Random(11);
        java.util.List<TileImages.Tile> noise = new java.util.ArrayList<>();
        java.util.List<TileImages.Tile> ramps = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double[] n = new double[25], ramp = new double[25];
            for (int j = 0; j < 25; j++) {
                n[j] = random.nextGaussian();
                ramp[j] = (j / 5) + (j % 5) + 0.1 * random.nextGaussian();
            }
            noise.add(new TileImages.Tile(n, 5, 5));
            ramps.add(new TileImages.Tile(ramp, 5, 5));
        }
        assertTrue(Math.abs(Lesson11VisualizeFilters.smoothness(noise)) < 0.1);
        assertTrue(Lesson11VisualizeFilters.smoothness(ramps) > 0.8);
    }

    @Test
    void theLessonRunsAndItsReadmeQuotesThisRun() {
        String previous = System.getProperty("cnncourse.out");
        System.setProperty("cnncourse.out", dir.getParent().toString());
        try {
            org.cnncourse.lessons.support.LessonOutput.Captured run =
                    org.cnncourse.lessons.support.LessonOutput.capture(new Lesson11VisualizeFilters());
            assertTrue(run.passed(), run.text());
            org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(Path.of("README.md"), run.text());
        } finally {
            if (previous == null) {
                System.clearProperty("cnncourse.out");
            } else {
                System.setProperty("cnncourse.out", previous);
            }
        }
    }

    @Test
    void theDeeperNetworksConvolutionsSeeMoreAtEachDepthAndThePictureShowsTheirStrongestImages() throws Exception {
        DepthPicture.Result r = Lesson11VisualizeFilters.depth(
                Lesson11VisualizeFilters.root().resolve(Lesson11VisualizeFilters.DEEPER_MODEL), dir.resolve("depth.png"));
        // Two 3x3 convolutions per block, a 2x2 pool between blocks: 3, 5 | 10, 14 | 24, 32 pixels.
        assertEquals(List.of(3, 5, 10, 14, 24, 32), r.layers().stream().map(DepthPicture.ConvLayer::field).toList());
        assertEquals(List.of(1, 1, 2, 2, 4, 4), r.layers().stream().map(DepthPicture.ConvLayer::jump).toList());
        for (List<List<DepthPicture.Response>> layer : r.top()) {
            assertEquals(DepthPicture.CHANNELS, layer.size());
            for (List<DepthPicture.Response> channel : layer) {
                assertEquals(DepthPicture.TOP, channel.size());
                assertEquals(DepthPicture.TOP, channel.stream().map(DepthPicture.Response::image).distinct().count());
                for (int k = 1; k < channel.size(); k++) {
                    assertTrue(channel.get(k - 1).value() >= channel.get(k).value());
                }
            }
        }
        BufferedImage png = ImageIO.read(r.picture().toFile());
        assertEquals(6 * (2 * DepthPicture.CROP_PIXELS + 2 + 12) + 8, png.getHeight(), "one row per convolution");
    }
}
