package proxy.delta.io;

import io.delta.kernel.utils.CloseableIterator;
import java.util.Iterator;
import java.util.List;

/** Kernel iterators over data already in memory. */
public final class CloseableIterators {
    private CloseableIterators() {
    }

    /** An iterator over a list; closing it does nothing. */
    public static <T> CloseableIterator<T> of(List<T> items) {
        Iterator<T> it = List.copyOf(items).iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
