package org.cnncourse.lessons.l11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.cnncourse.lessons.support.Comparison;
import org.junit.jupiter.api.Test;

class Lesson11VisualizeFiltersTest {
    /** Kept in target/ so a person can look at the pictures after the build. */
    Path dir = Path.of(System.getProperty("cnncourse.out", "target/out")).resolve("lesson-11");

    @Test
    void drawsFiltersAndFeatureMapsThatAgreeWithTheByHandNetwork() throws Exception {
        Lesson11VisualizeFilters.Result r = Lesson11VisualizeFilters.draw(
                Lesson11VisualizeFilters.root().resolve(Lesson11VisualizeFilters.MODEL), dir);
        assertEquals(8, r.pictures().size(), "filters before, after and their change, and five feature-map pictures");
        BufferedImage filters = ImageIO.read(r.pictures().get(1).toFile());
        // 30 filters of 5x5 scaled by 12, 10 per row with 3-pixel gaps
        assertEquals(10 * (60 + 3) + 3, filters.getWidth());
        assertEquals(3 * (60 + 3) + 3, filters.getHeight());
        assertTrue(r.changeSmoothness() > r.filterContrastBefore() + 0.1, r.toString());
        for (Comparison c : r.byHandVsDl4j()) {
            assertTrue(c.passed(), c.describe());
        }
    }
}
