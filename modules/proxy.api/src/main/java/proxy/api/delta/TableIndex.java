package proxy.api.delta;

import java.util.function.Predicate;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.policy.WriteScope;
import proxy.api.storage.ObjectStore;

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
     * change-data, or a deletion vector referenced by an accepted data file). Used to tell a refused key that is a
     * "directory" the principal may list (404) from any other (403). Costs O(log n) per accepted partition, whatever
     * the rejected partitions hold.
     *
     * @throws S3Exception {@code ServiceUnavailable} when the log has never been read successfully
     */
    boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed);

    /**
     * The files of the table (data, change-data and deletion-vector files of every retained version; never a
     * key under {@code _delta_log/}) whose key starts with {@code prefix} and sorts after {@code startAfter}, and
     * whose partition the predicate accepts (a deletion vector: the partition of one of the data files that
     * reference it), in ascending UTF-8 byte order. Files the log references but the store no longer holds
     * (vacuumed) are included; objects the log does not reference never are. Costs O(log n) per accepted
     * partition to open plus O(log n) per file returned, whatever the rejected partitions hold.
     *
     * @param startAfter only keys strictly after this (UTF-8 byte order); empty for all
     * @throws S3Exception {@code ServiceUnavailable} when the log has never been read successfully, or the older
     *                     retained versions could not be read
     */
    FileCursor files(String prefix, java.util.Optional<String> startAfter, Predicate<PartitionValues> allowed);

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

    /**
     * The table's {@code _delta_log/} as a grant set sees it, as a read-only store over the table root that knows
     * only keys under {@code _delta_log/}: commits, {@code _last_checkpoint} and one classic checkpoint per upstream
     * checkpoint version hold only the actions of readable files; every other log object is absent
     * ({@code NoSuchKey}, left out of listings). Sizes, ETags (a hash of the filtered bytes) and conditions refer to
     * the filtered bytes; {@code LastModified} is the upstream object's. Never presigns.
     *
     * <p>Every failure to build a filtered object (a protocol feature the filter does not understand, a corrupt or
     * unreadable upstream object) is {@code ServiceUnavailable}, never {@code NoSuchKey} and never upstream bytes.
     * The default fails closed.
     */
    default ObjectStore filteredLog(LogGrant grant) {
        throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "This index cannot filter the Delta log");
    }

    /**
     * Judges a commit a writer wants to write as {@code _delta_log/<version>.json}, against the newest log: refreshes
     * first, then requires {@code version} to be the next version and every action of the body to lie in the
     * writer's scope (see the README's "Writes" section). Returns normally only when the commit may be written
     * (put-if-absent, so a concurrent commit of the same version still wins). The default refuses every commit.
     *
     * @param body the commit as sent (newline-delimited JSON actions), already bounded in size
     * @throws S3Exception {@code AccessDenied} for an action outside the scope, {@code PreconditionFailed} when the
     *                     version exists already, {@code InvalidArgument} for a malformed body or a version that
     *                     skips one, {@code ServiceUnavailable} when the log cannot be read
     */
    default void checkCommit(long version, byte[] body, CommitCheck check) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This index cannot judge commits.");
    }

    /**
     * Judges keys a writer wants to delete, against the newest log (refreshed first), each on its own (see the
     * README's "Writes" section): a data, change-data or deletion-vector file that the current snapshot no longer
     * references and whose every referencing partition a write grant of {@code scope} covers (what VACUUM deletes);
     * for a whole-table writer, a log object of a version strictly below the latest checkpoint the index has seen at
     * or below its version, or a v2 sidecar no checkpoint from that one on names (what Delta's metadata cleanup
     * deletes), never {@code _last_checkpoint}; a key the log
     * does not reference is {@link DeleteVerdict.Kind#UNTRACKED}; anything else is denied. The default denies every
     * key (fails closed).
     *
     * @param keys  relative to the table root
     * @param scope the writer's write grants on the table
     * @return one verdict per key, in order
     * @throws S3Exception {@code ServiceUnavailable} when the log cannot be read
     */
    default java.util.List<DeleteVerdict> checkDeletes(java.util.List<String> keys, WriteScope scope) {
        return keys.stream().map(k -> DeleteVerdict.denied("this index cannot judge deletes")).toList();
    }

    /** Stops background refreshes. */
    @Override
    void close();
}
