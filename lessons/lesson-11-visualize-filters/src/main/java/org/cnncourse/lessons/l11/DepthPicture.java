package org.cnncourse.lessons.l11;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.cnncourse.data.ImageSet;
import org.cnncourse.lessons.support.ImageBatches;
import org.cnncourse.lessons.support.Tensors;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What each depth responds to (L637-644): for every convolution of a trained deeper network,
 * the test images that excite a channel most, cut to the part of the image that channel sees
 * (its receptive field). Shallow channels see a few pixels (edges, blobs), deep ones most of
 * the garment (textures, parts).
 */
final class DepthPicture {
    private DepthPicture() {
    }

    /** Channels shown per layer, and images per channel. */
    static final int CHANNELS = 8;
    static final int TOP = 4;
    /** Each crop is drawn this many pixels wide, whatever its field. */
    static final int CROP_PIXELS = 28;

    /** One convolution: its name, its receptive field on the input and the step between its outputs there. */
    record ConvLayer(int index, String name, int field, int jump) {
    }

    /** One strong response: which image, where on the input the channel's field is centred, and how strong. */
    record Response(int image, double centreRow, double centreCol, double value) {
    }

    /** Per convolution, per shown channel, the strongest responses (strongest first). */
    record Result(List<ConvLayer> layers, List<List<List<Response>>> top, Path picture) {
    }

    /** The convolutions of a network in order, with the field each one sees: it grows by (k - 1) x jump at each layer. */
    static List<ConvLayer> convolutions(MultiLayerNetwork net) {
        List<ConvLayer> convs = new ArrayList<>();
        int field = 1, jump = 1;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer conf = net.getLayer(i).conf().getLayer();
            if (conf instanceof ConvolutionLayer c) {
                field += (c.getKernelSize()[0] - 1) * jump;
                jump *= c.getStride()[0];
                convs.add(new ConvLayer(i, c.getLayerName(), field, jump));
            } else if (conf instanceof SubsamplingLayer p) {
                field += (p.getKernelSize()[0] - 1) * jump;
                jump *= p.getStride()[0];
            }
        }
        return convs;
    }

    static Result draw(MultiLayerNetwork net, ImageSet test, int images, Path png) throws IOException {
        List<ConvLayer> convs = convolutions(net);
        List<List<PriorityQueue<Response>>> best = new ArrayList<>();
        for (int l = 0; l < convs.size(); l++) {
            List<PriorityQueue<Response>> perChannel = new ArrayList<>();
            for (int c = 0; c < CHANNELS; c++) {
                perChannel.add(new PriorityQueue<>(Comparator.comparingDouble(Response::value)));
            }
            best.add(perChannel);
        }
        int batch = 200;
        for (int start = 0; start < images; start += batch) {
            ImageBatches.Batch b = ImageBatches.of(test, start, Math.min(batch, images - start));
            List<INDArray> acts = net.feedForward(Tensors.toNd(b.x()).castTo(DataType.FLOAT), false);
            for (int l = 0; l < convs.size(); l++) {
                ConvLayer conv = convs.get(l);
                INDArray a = acts.get(conv.index() + 1);
                int n = (int) a.size(0), h = (int) a.size(2), w = (int) a.size(3);
                float[] v = a.dup('c').data().asFloat();
                int channels = (int) a.size(1);
                for (int img = 0; img < n; img++) {
                    for (int c = 0; c < CHANNELS; c++) {
                        int base = (img * channels + c) * h * w, arg = 0;
                        for (int k = 1; k < h * w; k++) {
                            if (v[base + k] > v[base + arg]) {
                                arg = k;
                            }
                        }
                        // The output cell's field is centred on this input position.
                        double centre = (conv.jump() - 1) / 2.0;
                        PriorityQueue<Response> q = best.get(l).get(c);
                        q.add(new Response(start + img, arg / w * conv.jump() + centre, arg % w * conv.jump() + centre,
                                v[base + arg]));
                        if (q.size() > TOP) {
                            q.poll();
                        }
                    }
                }
            }
        }
        List<List<List<Response>>> top = new ArrayList<>();
        for (List<PriorityQueue<Response>> layer : best) {
            List<List<Response>> channels = new ArrayList<>();
            for (PriorityQueue<Response> q : layer) {
                List<Response> sorted = new ArrayList<>(q);
                sorted.sort(Comparator.comparingDouble(Response::value).reversed());
                channels.add(sorted);
            }
            top.add(channels);
        }
        TileImages.writePng(render(convs, top, test), png);
        return new Result(convs, top, png);
    }

    /** One row per convolution: its name and field, then per channel its strongest crops in a 2x2 block. */
    static BufferedImage render(List<ConvLayer> convs, List<List<List<Response>>> top, ImageSet test) {
        int label = 150, gap = 2, block = 2 * CROP_PIXELS + gap, channelGap = 10;
        int width = label + CHANNELS * (block + channelGap), rowHeight = block + 12;
        BufferedImage img = new BufferedImage(width, convs.size() * rowHeight + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int side = test.rows();
        for (int l = 0; l < convs.size(); l++) {
            ConvLayer conv = convs.get(l);
            int y0 = 6 + l * rowHeight;
            int field = Math.min(conv.field(), side);
            g.drawString(conv.name(), 6, y0 + block / 2);
            g.drawString("sees " + field + "x" + field, 6, y0 + block / 2 + 15);
            for (int c = 0; c < CHANNELS; c++) {
                List<Response> responses = top.get(l).get(c);
                for (int k = 0; k < responses.size(); k++) {
                    Response r = responses.get(k);
                    int x = label + c * (block + channelGap) + (k % 2) * (CROP_PIXELS + gap);
                    int y = y0 + (k / 2) * (CROP_PIXELS + gap);
                    drawCrop(img, test.pixels(r.image()), test.maxPixelValue(), side, r, field, x, y);
                }
            }
        }
        g.dispose();
        return img;
    }

    /** The field around the response, cut from the image (clipped to its border) and scaled to CROP_PIXELS. */
    static void drawCrop(BufferedImage img, float[] pixels, double maxPixel, int side, Response r, int field, int x0, int y0) {
        int top = (int) Math.round(r.centreRow() - (field - 1) / 2.0), left = (int) Math.round(r.centreCol() - (field - 1) / 2.0);
        top = Math.max(0, Math.min(side - field, top));
        left = Math.max(0, Math.min(side - field, left));
        for (int y = 0; y < CROP_PIXELS; y++) {
            for (int x = 0; x < CROP_PIXELS; x++) {
                int row = top + y * field / CROP_PIXELS, col = left + x * field / CROP_PIXELS;
                int grey = (int) Math.round(255 * Math.max(0, Math.min(1, pixels[row * side + col] / maxPixel)));
                img.setRGB(x0 + x, y0 + y, grey << 16 | grey << 8 | grey);
            }
        }
    }
}
