package org.cnncourse.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.BoxImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.ResizeImageTransform;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DataVec RecordReader over an {@link ImageSet}: each record is
 * [image as a (1, 1, H, W) NDArrayWritable with raw pixel values, label as IntWritable], the
 * layout RecordReaderDataSetIterator turns into NCHW batches with one-hot labels (as for
 * DataVec's ImageRecordReader). Optional seeded shuffling (a new order each epoch),
 * augmentation, and padding or resizing through DataVec image transforms.
 *
 * <p>The images are already in memory and checked, so {@link #initialize} takes no split.
 */
public final class ImageSetRecordReader extends BaseRecordReader {
    private final ImageSet images;
    private final boolean shuffle;
    private final long seed;
    private final ImageTransform augmentation;
    private final ImageTransform geometry;
    private final int outRows, outCols;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final float[] buffer;
    private int[] order;
    private int cursor;
    private int epoch;
    private Configuration conf;

    public ImageSetRecordReader(ImageSet images, PipelineOptions options) {
        this.images = images;
        this.shuffle = options.shuffle();
        this.seed = options.seed();
        this.augmentation = options.augmentation().transform(images.maxPixelValue());
        if (options.padTo() > 0) {
            if (options.padTo() < images.rows() || options.padTo() < images.cols()) {
                throw new IllegalArgumentException("padTo " + options.padTo() + " is smaller than the "
                        + images.rows() + "x" + images.cols() + " images of " + images.name());
            }
            geometry = new BoxImageTransform(options.padTo(), options.padTo());
        } else if (options.resizeTo() > 0) {
            geometry = new ResizeImageTransform(options.resizeTo(), options.resizeTo());
        } else {
            geometry = null;
        }
        this.outRows = options.outputSide(images.rows());
        this.outCols = options.outputSide(images.cols());
        this.buffer = new float[images.rows() * images.cols()];
        this.order = newOrder();
    }

    private int[] newOrder() {
        if (shuffle) {
            return LabelledImages.permutation(images.size(), new Random(seed * 1_000_003L + epoch));
        }
        int[] o = new int[images.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        return o;
    }

    public ImageSet images() {
        return images;
    }

    public int outputRows() {
        return outRows;
    }

    public int outputCols() {
        return outCols;
    }

    @Override
    public void initialize(InputSplit split) {
        reset();
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        this.conf = conf;
        reset();
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no more images in " + images.name() + " this epoch");
        }
        int index = order[cursor++];
        List<Writable> record = record(index);
        invokeListeners(record);
        return record;
    }

    private List<Writable> record(int index) {
        float[] pixels = transformed(index);
        List<Writable> record = new ArrayList<>(2);
        record.add(new NDArrayWritable(Nd4j.create(pixels, new long[] {1, 1, outRows, outCols}, DataType.FLOAT)));
        record.add(new IntWritable(images.label(index)));
        return record;
    }

    /** Image {@code index} after augmentation and geometry, raw pixel scale. */
    float[] transformed(int index) {
        images.copyPixels(index, buffer, 0);
        if (augmentation == null && geometry == null) {
            return buffer.clone();
        }
        ImageWritable w = new ImageWritable(converter.convert(Mats.fromPixels(buffer, images.rows(), images.cols())));
        if (augmentation != null) {
            w = augmentation.transform(w);
        }
        if (geometry != null) {
            w = geometry.transform(w);
        }
        float[] out = Mats.toPixels(converter.convert(w.getFrame()));
        if (out.length != outRows * outCols) {
            throw new IllegalStateException("a transform changed the image size to " + out.length + " pixels, expected "
                    + outRows + "x" + outCols);
        }
        return out;
    }

    @Override
    public List<String> getLabels() {
        return images.classNames();
    }

    /** Starts the next epoch: a new seeded order when shuffling. */
    @Override
    public void reset() {
        epoch++;
        order = newOrder();
        cursor = 0;
    }

    /** The epoch counter (1 after the first reset); with the seed it fixes the order. */
    public int epoch() {
        return epoch;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("ImageSetRecordReader reads images held in memory, not streams");
    }

    @Override
    public Record nextRecord() {
        int index = order[cursor];
        List<Writable> r = next();
        return new org.datavec.api.records.impl.Record(r, new RecordMetaDataIndex(index, null, ImageSetRecordReader.class));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData meta) {
        int index = (int) ((RecordMetaDataIndex) meta).getIndex();
        return new org.datavec.api.records.impl.Record(record(index), meta);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> metas) {
        List<Record> out = new ArrayList<>(metas.size());
        for (RecordMetaData m : metas) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public void close() {
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    @Override
    public String toString() {
        return "ImageSetRecordReader[" + images.name() + ", " + images.size() + " images, out " + outRows + "x" + outCols
                + (shuffle ? ", shuffled seed " + seed : "") + (augmentation != null ? ", augmented" : "") + "]";
    }

    int[] currentOrder() {
        return Arrays.copyOf(order, order.length);
    }
}
