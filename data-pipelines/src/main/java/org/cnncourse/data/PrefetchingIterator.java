package org.cnncourse.data;

import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * ND4J's AsyncDataSetIterator (batches prepared on a background thread) with the Iterator
 * contract restored: its {@code next()} returns null unless {@code hasNext()} was called
 * first; here {@code next()} works on its own and throws when the epoch is over.
 */
public final class PrefetchingIterator extends AsyncDataSetIterator {
    public PrefetchingIterator(DataSetIterator source, int batchesAhead) {
        super(source, batchesAhead);
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches this epoch; call reset()");
        }
        return super.next();
    }
}
