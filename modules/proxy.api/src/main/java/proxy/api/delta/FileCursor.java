package proxy.api.delta;

import java.util.Optional;

/**
 * Walks the files of one table's index that a principal may see, in ascending UTF-8 byte order of their keys.
 * Each step costs what the visible files cost, never what hidden ones would: a cursor never visits a file whose
 * partition the predicate it was opened with rejects. Not thread-safe; one request uses it and drops it.
 */
public interface FileCursor {

    /** The next visible file, or empty at the end of the range the cursor was opened for. */
    Optional<IndexedFile> next();

    /** Moves past every key that starts with {@code prefix} (a common prefix the listing has rolled up). */
    void skipPrefix(String prefix);
}
