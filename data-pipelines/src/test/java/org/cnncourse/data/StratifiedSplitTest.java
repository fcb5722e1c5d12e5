package org.cnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    /** Images whose single pixel is their index, so a subset's images can be traced back. */
    static ByteImageSet indexed(int[] labels) {
        byte[] pixels = new byte[labels.length * 2];
        byte[] labelBytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[2 * i] = (byte) (i & 0xFF);
            pixels[2 * i + 1] = (byte) (i >> 8);
            labelBytes[i] = (byte) labels[i];
        }
        return new ByteImageSet("indexed", labels.length, 1, 2, pixels, labelBytes, CourseDatasets.DIGIT_CLASSES.subList(0, 3));
    }

    static int indexOf(ImageSet s, int i) {
        float[] p = s.pixels(i);
        return Math.round(p[0]) + 256 * Math.round(p[1]);
    }

    @Test
    void eachClassGivesItsShareTheRestStaysInOrderAndNothingIsLostOrShared() {
        int[] labels = new int[1200];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 600 ? 0 : i < 1000 ? 1 : 2;
        }
        ImageSet set = indexed(labels);
        ImageSets.Split split = ImageSets.stratifiedSplit(set, 100, 7);
        assertEquals(100, split.heldOut().size());
        assertEquals(1100, split.kept().size());
        assertArrayEquals(new int[] {50, 33, 17}, split.heldOut().labelCounts(), "600/400/200 of 1,200: 50, 33.3, 16.7");
        Set<Integer> seen = new HashSet<>();
        for (ImageSet part : new ImageSet[] {split.kept(), split.heldOut()}) {
            int previous = -1;
            for (int i = 0; i < part.size(); i++) {
                int index = indexOf(part, i);
                assertTrue(index > previous, "the set's order is kept");
                assertEquals(labels[index], part.label(i));
                assertTrue(seen.add(index), "image " + index + " is in one part only");
                previous = index;
            }
        }
        assertEquals(1200, seen.size());
    }

    @Test
    void theSameSeedHoldsOutTheSameImagesAndAnotherSeedOthers() {
        int[] labels = new int[300];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        ImageSet set = indexed(labels);
        ImageSet a = ImageSets.stratifiedSplit(set, 30, 11).heldOut(), b = ImageSets.stratifiedSplit(set, 30, 11).heldOut();
        ImageSet c = ImageSets.stratifiedSplit(set, 30, 12).heldOut();
        boolean differs = false;
        for (int i = 0; i < 30; i++) {
            assertEquals(indexOf(a, i), indexOf(b, i));
            differs |= indexOf(a, i) != indexOf(c, i);
        }
        assertTrue(differs);
    }

    @Test
    void impossibleSizesAreRefusedWithTheirNumbers() {
        ImageSet set = indexed(new int[] {0, 1, 2, 0});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSets.stratifiedSplit(set, 4, 1)).getMessage()
                .contains("a validation split of 4 images out of 4 is not possible"));
        assertThrows(IllegalArgumentException.class, () -> ImageSets.stratifiedSplit(set, 0, 1));
    }
}
