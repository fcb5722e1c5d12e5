package org.cnncourse.lessons.l11;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cnncourse.data.AtomicFiles;

/** Small greyscale tiles (filters, feature maps) laid out in a grid, each scaled to its own min..max, as imshow does. */
final class TileImages {
    private TileImages() {
    }

    /** A tile: values row by row. */
    record Tile(double[] values, int rows, int cols) {
    }

    /** Which end of a tile's range is drawn dark. */
    enum Shade {
        /** matplotlib's gray_r, the lecture's filter_show: the largest value black. */
        LARGE_DARK,
        /** the largest value white, as feature maps are usually drawn. */
        LARGE_BRIGHT
    }

    static BufferedImage grid(List<Tile> tiles, int columns, int scale, int gap) {
        return grid(tiles, columns, scale, gap, Shade.LARGE_BRIGHT);
    }

    static BufferedImage grid(List<Tile> tiles, int columns, int scale, int gap, Shade shade) {
        int th = tiles.get(0).rows() * scale, tw = tiles.get(0).cols() * scale;
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage img = new BufferedImage(columns * (tw + gap) + gap, rows * (th + gap) + gap, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : t.values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            int x0 = gap + (i % columns) * (tw + gap), y0 = gap + (i / columns) * (th + gap);
            for (int r = 0; r < t.rows(); r++) {
                for (int c = 0; c < t.cols(); c++) {
                    double v = t.values()[r * t.cols() + c];
                    int grey = hi > lo ? (int) Math.round(255 * (v - lo) / (hi - lo)) : 128;
                    if (shade == Shade.LARGE_DARK) {
                        grey = 255 - grey;
                    }
                    int rgb = grey << 16 | grey << 8 | grey;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }
}
