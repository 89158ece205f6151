package proxy.api.delta;

import java.util.function.Predicate;
import proxy.api.S3Exception;

/**
 * What one table's Delta log says about its keys. Built on first use, then refreshed incrementally (new commits
 * only) on a schedule and, rate-limited, when a key is not found. Readers always see the last good index and
 * never wait, except for the first load and, while an implementation is still adding files of older retained
 * versions after it, for an answer that a key is absent (which is only given once that is done). Thread-safe.
 */
public interface TableIndex extends AutoCloseable {

    /**
     * Classifies a key relative to the table root. An unknown key triggers at most one rate-limited refresh
     * before {@link FileClass#UNKNOWN} is answered, so files of a new commit are readable at once.
     *
     * @throws S3Exception {@code ServiceUnavailable} when the log has never been read successfully, or when the key
     *                     is not a current file and the older retained versions could not be read
     */
    FileClass lookup(String key);

    /**
     * Whether some key starting with {@code prefix} is a file whose partition the predicate accepts (data,
     * change-data, or a deletion vector referenced by an accepted data file). Used to decide which common
     * prefixes a listing shows.
     *
     * @throws S3Exception {@code ServiceUnavailable} when the log has never been read successfully
     */
    boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed);

    /**
     * How many data files (add or remove actions, all retained versions) each partition has; for
     * {@code explain} and operators, not for authorization.
     *
     * @throws S3Exception {@code ServiceUnavailable} when the log has never been read successfully
     */
    java.util.Map<PartitionValues, Long> dataFileCounts();

    /** The indexed table version, or -1 before the first successful load. */
    long version();

    /**
     * Reads the commits after {@link #version()} (the whole snapshot on first load) and publishes the new index;
     * returns once the index holds every retained version's files. Concurrent calls coalesce: one refresh per
     * table at a time.
     *
     * @throws S3Exception {@code ServiceUnavailable} when the log cannot be read; the last good index stays
     */
    void refresh();

    /** Stops background refreshes. */
    @Override
    void close();
}
