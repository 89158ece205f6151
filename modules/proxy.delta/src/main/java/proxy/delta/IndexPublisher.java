package proxy.delta;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import proxy.api.ProviderContext;
import proxy.api.storage.ObjectStore;
import proxy.delta.index.IndexSnapshot;
import proxy.delta.log.LogState;

/**
 * The one place where a table's index changes: reads the log on its {@link LogThread} and moves its
 * {@link IndexState} through the transitions that class defines (the package documentation draws them); reports
 * every refresh and fold to the index metrics. Every read and every publication happens on that thread, one task at
 * a time, each task starting from what the previous one published; readers only read the state. The one transition
 * made off that thread is a failed first load ({@link IndexState#readFailed}), which leaves a published state as it
 * is, so it cannot undo a publication it races with. Callers that ask for a read are serialised by one lock
 * ({@link #refresh} coalesces them, {@link #loaded} loads once for all first readers), so at most one read is queued
 * at a time.
 *
 * <p>Ordering: the first load publishes the current table state (checkpoint and newer commits). If the checkpoint
 * covers retained commits, the load queues their fold before it publishes {@link IndexState.Folding}; any task
 * queued afterwards (a refresh, a reader's wait) runs after the fold, so refreshes wait for the fold and start from
 * the folded snapshot: neither side's files are lost. A failed fold leaves {@link IndexState.FoldFailed}; the next
 * refresh queues it again.
 */
final class IndexPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IndexPublisher.class.getName());

    private final String alias;
    private final ProviderContext context;
    private final TableRefresher refresher;
    private volatile boolean closed;
    private final LogThread logThread;
    private final AtomicReference<IndexState> state = new AtomicReference<>(IndexState.loading());
    private final ReentrantLock refreshLock = new ReentrantLock();
    private final AtomicLong refreshesStarted = new AtomicLong();
    private long lastCompletedStart; // guarded by refreshLock
    private final AtomicLong lastMissRefresh = new AtomicLong(Long.MIN_VALUE);

    IndexPublisher(String alias, ObjectStore store, ProviderContext context) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.context = Objects.requireNonNull(context, "context");
        this.refresher = new TableRefresher(store);
        this.logThread = new LogThread(alias);
    }

    /** The current state: its snapshot is null before the first load succeeded. */
    IndexState current() {
        return state.get();
    }

    /**
     * Reads the commits newer than the published index (the current table state on the first load), publishes the
     * result, and waits for it; a pending fold runs first. Refreshes run one at a time: a caller that waited for
     * another refresh returns without reading again only if that refresh began after this call did (so it saw every
     * commit this caller could have seen).
     *
     * @throws IOException when the log cannot be listed or read, or the thread is closed; nothing is published
     */
    void refresh() throws IOException {
        long arrived = refreshesStarted.get();
        refreshLock.lock();
        try {
            if (lastCompletedStart <= arrived) {
                readUnderLock();
            }
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * The published state; without one, first loads the log, unless a load failed less than
     * {@link DeltaTableIndex#MISS_REFRESH_INTERVAL} ago. Readers that queued behind a load (or a failed one) do not
     * read again. A failed load is logged and leaves {@link IndexState.LoadFailed}.
     *
     * @return the state after the load: its snapshot is still null when the log cannot be read
     */
    IndexState loaded() {
        IndexState seen = state.get();
        if (seen.snapshot() != null) {
            return seen;
        }
        if (!(seen instanceof IndexState.LoadFailed failed) || elapsed(failed.atMillis())) {
            refreshLock.lock();
            try {
                if (state.get() == seen) {
                    readUnderLock();
                }
            } catch (IOException | RuntimeException e) {
                // Logged by readUnderLock; the caller fails closed.
            } finally {
                refreshLock.unlock();
            }
        }
        return state.get();
    }

    /** Takes the one refresh an unknown key may cause per {@link DeltaTableIndex#MISS_REFRESH_INTERVAL}, if free. */
    boolean claimMissRefresh() {
        long before = lastMissRefresh.get();
        return elapsed(before) && lastMissRefresh.compareAndSet(before, context.clock().millis());
    }

    private boolean elapsed(long sinceMillis) {
        return sinceMillis == Long.MIN_VALUE
                || context.clock().millis() - sinceMillis >= DeltaTableIndex.MISS_REFRESH_INTERVAL.toMillis();
    }

    private void readUnderLock() throws IOException {
        long mine = refreshesStarted.incrementAndGet();
        try {
            read();
        } catch (IOException | RuntimeException e) {
            // A read cut short by close() (the log thread is interrupted) is no fault of the table's log.
            LOG.log(closed ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "Cannot read the Delta log of table " + alias, e);
            throw e;
        } finally {
            lastCompletedStart = mine;
        }
    }

    private void read() throws IOException {
        long start = System.nanoTime();
        try {
            IndexState next = logThread.call(this::readAndPublish);
            context.metrics().indexRefresh(alias, true, since(start), next.snapshot().version());
        } catch (IOException | RuntimeException e) {
            IndexSnapshot last = state.updateAndGet(s -> s.readFailed(context.clock().millis())).snapshot();
            context.metrics().indexRefresh(alias, false, since(start), last == null ? -1 : last.version());
            throw e;
        }
    }

    /**
     * The published snapshot once a "not found" from it is final: waits while the retained commits are being
     * folded in (as long as the log thread takes, as a first load does).
     *
     * @throws IOException when the fold failed (until a refresh folds them), or the wait was interrupted
     */
    IndexSnapshot awaitComplete() throws IOException {
        IndexState p = state.get();
        Objects.requireNonNull(p.snapshot(), "published");
        while (p instanceof IndexState.Folding) {
            p = logThread.call(state::get); // runs after the queued fold
        }
        if (p instanceof IndexState.FoldFailed) {
            throw new IOException("The retained commits of table " + alias + " are not indexed: the fold failed");
        }
        return p.snapshot();
    }

    /** The column mapping and protocol of the indexed version; null before the first load. */
    LogState logState() {
        return refresher.state();
    }

    /** How many commit files have been read in all, once the queued reads are done. */
    long commitsRead() throws IOException {
        return logThread.call(refresher::commitsRead);
    }

    @Override
    public void close() {
        closed = true;
        logThread.close();
    }

    private IndexState readAndPublish() throws IOException {
        IndexState current = state.get();
        IndexSnapshot next = refresher.refresh(Optional.ofNullable(current.snapshot()));
        if (current.snapshot() == null && next.version() < 0) {
            LOG.log(System.Logger.Level.INFO, "Table {0} has no Delta log yet: an empty table until a whole-table"
                    + " writer commits version 0", alias);
        }
        IndexState after = current.read(next, refresher.retainedUpTo() >= 0);
        if (after instanceof IndexState.Folding && !(current instanceof IndexState.Folding)) {
            logThread.queue(this::foldRetained);
            if (current.snapshot() == null) {
                LOG.log(System.Logger.Level.INFO, "Table {0}: index of version {1} published; folding in the files"
                        + " of the retained commits up to version {2}", alias, String.valueOf(next.version()),
                        String.valueOf(refresher.retainedUpTo()));
            }
        }
        state.set(after);
        return after;
    }

    /** Folds the retained commits' files into the published snapshot; reports the outcome like a refresh. */
    private void foldRetained() {
        long start = System.nanoTime();
        IndexState before = state.get();
        long upTo = refresher.retainedUpTo();
        try {
            IndexSnapshot folded = refresher.foldRetained(before.snapshot());
            state.set(before.folded(folded));
            context.metrics().indexRefresh(alias, true, since(start), folded.version());
            LOG.log(System.Logger.Level.INFO, "Table {0}: the files of the retained commits up to version {1} are"
                    + " indexed ({2} ms)", alias, String.valueOf(upTo), String.valueOf(since(start).toMillis()));
        } catch (IOException | RuntimeException e) {
            context.metrics().indexRefresh(alias, false, since(start), before.snapshot().version());
            LOG.log(System.Logger.Level.WARNING, "Cannot fold the retained commits of table " + alias + " into its"
                    + " index: keys outside the current table state fail closed until a refresh folds them", e);
        } finally {
            if (state.get() == before) {
                state.set(before.foldFailed()); // after an Error too
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
