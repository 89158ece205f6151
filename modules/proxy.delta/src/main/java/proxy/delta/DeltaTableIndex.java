package proxy.delta;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import proxy.delta.index.IndexSnapshot;

/**
 * The index of one table. Readers use the last published {@link IndexSnapshot} (immutable, a volatile read) and
 * never wait, except for the first load. Refreshes run one at a time per table: a caller that finds one running
 * waits for it and returns when that refresh began after the call (coalescing); concurrent first readers share
 * one load. A background virtual thread refreshes every interval; an unknown
 * key triggers a refresh at most once per {@link #MISS_REFRESH_INTERVAL}. A log that has never been read makes
 * every call fail with {@code ServiceUnavailable} (fail closed); the next refresh that succeeds recovers.
 *
 * <p>The log is read on a platform thread of this index, never on the caller's (often virtual) thread: Kernel's
 * Parquet path initializes Hadoop classes whose static initializers take monitors, and a virtual thread blocked in
 * class initialization pins its carrier. Several tables loading at once on virtual threads could pin every
 * carrier of a small machine and deadlock the first load (seen on 2 cores with three checkpointed tables).
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
    private final ExecutorService logReader;
    private volatile IndexSnapshot published;
    private volatile boolean closed;

    DeltaTableIndex(String alias, ObjectStore store, ProviderContext context) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.context = Objects.requireNonNull(context, "context");
        this.refresher = new TableRefresher(store);
        this.logReader = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("delta-log-" + alias).factory());
        Duration interval = Duration.ofSeconds(context.config().metadataRefreshSeconds());
        this.poller = Thread.ofVirtual().name("delta-index-" + alias).start(() -> poll(interval));
    }

    @Override
    public FileClass lookup(String key) {
        Objects.requireNonNull(key, "key");
        FileClass found = loaded().classify(key);
        boolean hit = !(found instanceof FileClass.Unknown);
        context.metrics().cacheAccess(CACHE, hit);
        if (!hit && claim(lastMissRefresh)) {
            tryRefresh();
            found = published.classify(key);
        }
        return found;
    }

    @Override
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(allowed, "allowed");
        return loaded().anyFileUnder(prefix, allowed);
    }

    @Override
    public Map<PartitionValues, Long> dataFileCounts() {
        return loaded().dataFileCounts();
    }

    @Override
    public long version() {
        IndexSnapshot s = published;
        return s == null ? -1 : s.version();
    }

    /**
     * {@inheritDoc} A caller that waited for another refresh returns without reading again only if that refresh
     * began after this call did (so it saw every commit this caller could have seen).
     */
    @Override
    public void refresh() {
        long arrived = refreshesStarted.get();
        refreshLock.lock();
        try {
            if (lastCompletedStart > arrived) {
                return;
            }
            runRefresh();
        } finally {
            refreshLock.unlock();
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
        logReader.shutdownNow();
    }

    /** How many commit files refreshes have read in all (tests check that refreshes are incremental). */
    long commitsRead() {
        refreshLock.lock();
        try {
            return refresher.commitsRead();
        } finally {
            refreshLock.unlock();
        }
    }

    private void readNewCommits() {
        long start = System.nanoTime();
        try {
            IndexSnapshot next = readOnLogThread(Optional.ofNullable(published));
            published = next;
            context.metrics().indexRefresh(alias, true, Duration.ofNanos(System.nanoTime() - start), next.version());
        } catch (IOException | RuntimeException e) {
            if (published == null) {
                lastLoadFailure.set(context.clock().millis());
            }
            context.metrics().indexRefresh(alias, false, Duration.ofNanos(System.nanoTime() - start), version());
            LOG.log(System.Logger.Level.WARNING, "Cannot read the Delta log of table " + alias, e);
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read", e);
        }
    }

    /** Runs one refresh of the log on this index's platform thread and waits for it (see the class comment). */
    private IndexSnapshot readOnLogThread(Optional<IndexSnapshot> base) throws IOException {
        Future<IndexSnapshot> read = logReader.submit(() -> refresher.refresh(base));
        try {
            return read.get();
        } catch (InterruptedException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the Delta log", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                case Throwable other -> throw new IOException(other);
            }
        }
    }

    private IndexSnapshot loaded() {
        IndexSnapshot s = published;
        if (s != null) {
            return s;
        }
        long failedAt = lastLoadFailure.get();
        if (failedAt == Long.MIN_VALUE || context.clock().millis() - failedAt >= MISS_REFRESH_INTERVAL.toMillis()) {
            loadOnce(failedAt);
        }
        s = published;
        if (s == null) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read");
        }
        return s;
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
            // Logged by readNewCommits; the last good snapshot (or the fail-closed answer) stands.
        }
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
