package org.cnncourse.data;

import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * The course's DataVec pipeline: {@link ImageSetRecordReader} -> RecordReaderDataSetIterator
 * (NCHW features, one-hot labels) -> ImagePreProcessingScaler to [0, 1] -> optional
 * asynchronous prefetch on a background thread.
 */
public final class Pipelines {
    private Pipelines() {
    }

    public static DataSetIterator iterator(ImageSet images, PipelineOptions options) {
        ImageSetRecordReader reader = new ImageSetRecordReader(images, options);
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, options.batchSize(), 1, images.numClasses());
        it.setPreProcessor(scaler(images));
        return options.prefetch() > 0 ? new PrefetchingIterator(it, options.prefetch()) : it;
    }

    /** Scales raw pixels to [0, 1]: 8-bit images divide by 255, the npm digits (already 0-1) by 1. */
    public static ImagePreProcessingScaler scaler(ImageSet images) {
        int maxBits = images.maxPixelValue() >= 255 ? 8 : 1;
        return new ImagePreProcessingScaler(0, 1, maxBits);
    }
}
