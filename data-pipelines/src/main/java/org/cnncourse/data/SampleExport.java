package org.cnncourse.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes images as greyscale PNGs, for lessons, reports and the browser demo. */
public final class SampleExport {
    private SampleExport() {
    }

    /** The first {@code count} images of the set as {@code NNNNN-<label>.png}; returns the files written. */
    public static List<Path> firstImages(ImageSet images, int count, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < Math.min(count, images.size()); i++) {
            String label = images.classNames().get(images.label(i)).replaceAll("[^A-Za-z0-9]+", "_");
            Path file = dir.resolve(String.format(Locale.ROOT, "%05d-%s.png", i, label));
            writePng(images.pixels(i), images.rows(), images.cols(), images.maxPixelValue(), file);
            written.add(file);
        }
        return written;
    }

    /** One image; pixels are scaled so that {@code maxPixel} is white. Written to a temporary file, then moved. */
    public static void writePng(float[] pixels, int rows, int cols, double maxPixel, Path file) throws IOException {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int v = (int) Math.round(Math.max(0, Math.min(1, pixels[y * cols + x] / maxPixel)) * 255);
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
