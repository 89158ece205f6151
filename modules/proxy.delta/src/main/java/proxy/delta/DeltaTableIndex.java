package proxy.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import proxy.api.ProviderContext;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;
import proxy.api.storage.ObjectStore;
import proxy.delta.PublishedIndex.Retained;
import proxy.delta.index.IndexSnapshot;

/**
 * The index of one table. Readers use the last {@link PublishedIndex} (immutable, a volatile read) and never wait,
 * except for the first load and for the fold described below. Refreshes run one at a time per table: a caller that
 * finds one running waits for it and returns when that refresh began after the call (coalescing); concurrent first
 * readers share one load. A background virtual thread refreshes every interval; an unknown key triggers a refresh
 * at most once per {@link #MISS_REFRESH_INTERVAL}. A log that has never been read makes every call fail with
 * {@code ServiceUnavailable} (fail closed); the next refresh that succeeds recovers.
 *
 * <p>The first load publishes the current table state (checkpoint and newer commits) at once, then folds in the
 * files of the retained commits the checkpoint covers, in the background on the log thread. Until that is done, an
 * answer that a key is absent (an unknown key, a listing prefix with no allowed file, the file counts) waits for
 * the fold and is then given from the folded index; positive answers never wait. If the fold fails, such answers
 * fail with {@code ServiceUnavailable}, as a failed first load does, and the next refresh tries again. Refreshes
 * queue behind the fold on the log thread, so each starts from the snapshot the fold published.
 *
 * <p>The log is read on a platform thread of this index ({@link LogThread}), never on the caller's (often virtual)
 * thread: Kernel's Parquet path initializes Hadoop classes whose static initializers take monitors, and a virtual
 * thread blocked in class initialization pins its carrier. Several tables loading at once on virtual threads could
 * pin every carrier of a small machine and deadlock the first load (seen on 2 cores with three checkpointed
 * tables). Every snapshot is published from that thread, one task at a time.
 */
final class DeltaTableIndex implements TableIndex {
    /** The least time between two refreshes caused by unknown keys, and between first-load retries. */
    static final Duration MISS_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(DeltaTableIndex.class.getName());
    private static final String CACHE = "delta_index";

    private final String alias;
    private final ProviderContext context;
    private final TableRefresher refresher;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private final AtomicLong refreshesStarted = new AtomicLong();
    private long lastCompletedStart; // guarded by refreshLock
    private final AtomicLong lastMissRefresh = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastLoadFailure = new AtomicLong(Long.MIN_VALUE);
    private final Thread poller;
    private final LogThread logThread;
    private volatile PublishedIndex published; // written on the log thread only
    private volatile boolean closed;

    DeltaTableIndex(String alias, ObjectStore store, ProviderContext context) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.context = Objects.requireNonNull(context, "context");
        this.refresher = new TableRefresher(store);
        this.logThread = new LogThread(alias);
        Duration interval = Duration.ofSeconds(context.config().metadataRefreshSeconds());
        this.poller = Thread.ofVirtual().name("delta-index-" + alias).start(() -> poll(interval));
    }

    @Override
    public FileClass lookup(String key) {
        Objects.requireNonNull(key, "key");
        PublishedIndex p = loaded();
        FileClass found = p.snapshot().classify(key);
        boolean hit = !(found instanceof FileClass.Unknown);
        context.metrics().cacheAccess(CACHE, hit);
        if (!hit && claim(lastMissRefresh)) {
            tryRefresh();
            p = published;
            found = p.snapshot().classify(key);
        }
        if (found instanceof FileClass.Unknown && !p.complete()) {
            found = complete().classify(key);
        }
        return found;
    }

    @Override
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(allowed, "allowed");
        PublishedIndex p = loaded();
        boolean any = p.snapshot().anyFileUnder(prefix, allowed);
        return any || p.complete() ? any : complete().anyFileUnder(prefix, allowed);
    }

    @Override
    public Map<PartitionValues, Long> dataFileCounts() {
        loaded();
        return complete().dataFileCounts();
    }

    @Override
    public long version() {
        PublishedIndex p = published;
        return p == null ? -1 : p.snapshot().version();
    }

    /**
     * {@inheritDoc} A caller that waited for another refresh returns without reading again only if that refresh
     * began after this call did (so it saw every commit this caller could have seen). Returns once the retained
     * commits of a first load are folded in, and fails if that fold fails.
     */
    @Override
    public void refresh() {
        long arrived = refreshesStarted.get();
        refreshLock.lock();
        try {
            if (lastCompletedStart <= arrived) {
                runRefresh();
            }
        } finally {
            refreshLock.unlock();
        }
        if (published != null) {
            complete();
        }
    }

    /** The first load: readers that queued behind a load (or a failed one) do not read again. */
    private void loadOnce(long failedBefore) {
        refreshLock.lock();
        try {
            if (published == null && lastLoadFailure.get() == failedBefore) {
                runRefresh();
            }
        } catch (S3Exception e) {
            // Logged by readNewCommits; the caller fails closed.
        } finally {
            refreshLock.unlock();
        }
    }

    private void runRefresh() {
        long mine = refreshesStarted.incrementAndGet();
        try {
            readNewCommits();
        } finally {
            lastCompletedStart = mine;
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        logThread.close();
    }

    /** How many commit files have been read in all, once the queued reads are done (tests check increments). */
    long commitsRead() {
        try {
            return logThread.call(refresher::commitsRead);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readNewCommits() {
        long start = System.nanoTime();
        try {
            PublishedIndex next = logThread.call(this::readAndPublish);
            context.metrics().indexRefresh(alias, true, since(start), next.snapshot().version());
        } catch (IOException | RuntimeException e) {
            if (published == null) {
                lastLoadFailure.set(context.clock().millis());
            }
            context.metrics().indexRefresh(alias, false, since(start), version());
            LOG.log(System.Logger.Level.WARNING, "Cannot read the Delta log of table " + alias, e);
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read", e);
        }
    }

    /**
     * On the log thread: reads the new commits and publishes them. When retained commits are left to fold (after a
     * first load, or a failed fold), queues the fold before publishing, so that it runs before any task queued by
     * a reader that sees {@link Retained#FOLDING}.
     */
    private PublishedIndex readAndPublish() throws IOException {
        PublishedIndex current = published;
        IndexSnapshot next = refresher.refresh(Optional.ofNullable(current).map(PublishedIndex::snapshot));
        Retained retained = current == null ? Retained.INDEXED : current.retained();
        if (refresher.retainedUpTo() >= 0 && retained != Retained.FOLDING) {
            logThread.queue(this::foldRetained);
            retained = Retained.FOLDING;
            if (current == null) {
                LOG.log(System.Logger.Level.INFO, "Table {0}: index of version {1} published; folding in the files"
                        + " of the retained commits up to version {2}", alias, String.valueOf(next.version()),
                        String.valueOf(refresher.retainedUpTo()));
            }
        }
        published = new PublishedIndex(next, retained);
        return published;
    }

    /** On the log thread: folds the retained commits' files into the published snapshot and publishes the result. */
    private void foldRetained() {
        long start = System.nanoTime();
        PublishedIndex before = published;
        long upTo = refresher.retainedUpTo();
        try {
            IndexSnapshot folded = refresher.foldRetained(before.snapshot());
            published = new PublishedIndex(folded, Retained.INDEXED);
            context.metrics().indexRefresh(alias, true, since(start), folded.version());
            LOG.log(System.Logger.Level.INFO, "Table {0}: the files of the retained commits up to version {1} are"
                    + " indexed ({2} ms)", alias, String.valueOf(upTo), String.valueOf(since(start).toMillis()));
        } catch (IOException | RuntimeException e) {
            context.metrics().indexRefresh(alias, false, since(start), before.snapshot().version());
            LOG.log(System.Logger.Level.WARNING, "Cannot fold the retained commits of table " + alias + " into its"
                    + " index: keys outside the current table state fail closed until a refresh folds them", e);
        } finally {
            if (published == before) {
                published = new PublishedIndex(before.snapshot(), Retained.FAILED); // an Error too: never FOLDING
            }
        }
    }

    /**
     * The published snapshot once its "not found" answers are final: waits while the retained commits are being
     * folded in (as long as the log thread takes, like a first load), and fails closed when that failed.
     */
    private IndexSnapshot complete() {
        PublishedIndex p = published;
        try {
            while (p.retained() == Retained.FOLDING) {
                p = logThread.call(() -> published); // runs after the queued fold
            }
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read", e);
        }
        if (p.retained() == Retained.FAILED) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read");
        }
        return p.snapshot();
    }

    private PublishedIndex loaded() {
        PublishedIndex p = published;
        if (p != null) {
            return p;
        }
        long failedAt = lastLoadFailure.get();
        if (failedAt == Long.MIN_VALUE || context.clock().millis() - failedAt >= MISS_REFRESH_INTERVAL.toMillis()) {
            loadOnce(failedAt);
        }
        p = published;
        if (p == null) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read");
        }
        return p;
    }

    /** Takes the rate-limited slot that {@code last} guards, if {@link #MISS_REFRESH_INTERVAL} has passed. */
    private boolean claim(AtomicLong last) {
        long now = context.clock().millis();
        long before = last.get();
        return (before == Long.MIN_VALUE || now - before >= MISS_REFRESH_INTERVAL.toMillis())
                && last.compareAndSet(before, now);
    }

    private void tryRefresh() {
        try {
            refresh();
        } catch (S3Exception e) {
            // Logged by readNewCommits or foldRetained; the last good snapshot (or the fail-closed answer) stands.
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void poll(Duration interval) {
        while (!closed) {
            try {
                Thread.sleep(interval);
                tryRefresh();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
