package proxy.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import proxy.api.ProviderContext;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.delta.CommitCheck;
import proxy.api.delta.DeleteVerdict;
import proxy.api.delta.FileClass;
import proxy.api.delta.FileCursor;
import proxy.api.delta.LogGrant;
import proxy.api.delta.LogNames;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;
import proxy.api.policy.WriteScope;
import proxy.api.storage.ObjectStore;
import proxy.delta.index.IndexSnapshot;
import proxy.delta.log.LogState;
import proxy.delta.log.TablePaths;
import proxy.delta.served.ArtifactCache;
import proxy.delta.served.FilteredLogStore;
import proxy.delta.write.CommitGate;
import proxy.delta.write.DeleteGate;

/**
 * The index of one table: answers from the published {@link IndexState} (immutable, one read) and never waits,
 * except for the first load and for the fold described below. Every change of state is {@link IndexPublisher}'s:
 * refreshes run one at a time per table, a caller that finds one running waits for it and returns when that
 * refresh began after the call (coalescing), and concurrent first readers share one load. A background virtual thread refreshes every interval; an unknown key triggers a refresh
 * at most once per {@link #MISS_REFRESH_INTERVAL}. A log that has never been read makes every call fail with
 * {@code ServiceUnavailable} (fail closed); the next refresh that succeeds recovers.
 *
 * <p>The first load publishes the current table state (checkpoint and newer commits) at once, then folds in the
 * files of the retained commits the checkpoint covers, in the background ({@link IndexPublisher} says in which
 * order). Until that is done, an answer that a key is absent (an unknown key, a listing prefix with no allowed
 * file, the file counts) waits for the fold and is then given from the folded index; positive answers never wait.
 * If the fold fails, such answers fail with {@code ServiceUnavailable}, as a failed first load does, and the next
 * refresh (at most once per {@link #MISS_REFRESH_INTERVAL} for unknown keys) tries again.
 *
 * <p>The log is read on a platform thread of this index ({@link LogThread}), never on the caller's (often virtual)
 * thread: Kernel's Parquet path initializes Hadoop classes whose static initializers take monitors, and a virtual
 * thread blocked in class initialization pins its carrier. Several tables loading at once on virtual threads could
 * pin every carrier of a small machine and deadlock the first load (seen on 2 cores with three checkpointed
 * tables).
 */
final class DeltaTableIndex implements TableIndex {
    /** The least time between two refreshes caused by unknown keys, and between first-load retries. */
    static final Duration MISS_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private static final String CACHE = "delta_index";

    private final String alias;
    private final ProviderContext context;
    private final IndexPublisher publisher;
    private final ObjectStore store;
    private final ArtifactCache filteredLogCache;
    private final Runnable onClose;
    private final AtomicBoolean released = new AtomicBoolean();
    private final CommitGate commitGate;
    private final DeleteGate deleteGate = new DeleteGate();
    private final CheckpointBound checkpoints;
    private final Thread poller;
    private volatile boolean closed;

    /**
     * @param filteredLogCache built filtered log objects, shared by every table
     * @param onClose          run once by the first {@link #close()} (releases the shared cache)
     */
    DeltaTableIndex(String alias, ObjectStore store, ProviderContext context, ArtifactCache filteredLogCache,
                    Runnable onClose) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.context = Objects.requireNonNull(context, "context");
        this.store = Objects.requireNonNull(store, "store");
        this.filteredLogCache = Objects.requireNonNull(filteredLogCache, "filteredLogCache");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.publisher = new IndexPublisher(alias, store, context);
        this.commitGate = new CommitGate(new TablePaths(store.root()));
        this.checkpoints = new CheckpointBound(store);
        Duration interval = Duration.ofSeconds(context.config().tables().metadataRefreshSeconds());
        this.poller = Thread.ofVirtual().name("delta-index-" + alias).start(() -> poll(interval));
    }

    @Override
    public FileClass lookup(String key) {
        Objects.requireNonNull(key, "key");
        IndexState p = loaded();
        FileClass found = p.snapshot().classify(key);
        if (LogNames.inLog(key)) {
            return found; // named by the protocol or foreign, whatever the index holds
        }
        boolean hit = !(found instanceof FileClass.Unknown);
        context.metrics().cacheAccess(CACHE, hit);
        if (!hit && publisher.claimMissRefresh()) {
            tryRefresh();
            p = publisher.current();
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
        IndexState p = loaded();
        boolean any = p.snapshot().anyFileUnder(prefix, allowed);
        return any || p.complete() ? any : complete().anyFileUnder(prefix, allowed);
    }

    /** {@inheritDoc} Waits for the retained commits' fold, since a listing must show their files too. */
    @Override
    public FileCursor files(String prefix, Optional<String> startAfter, Predicate<PartitionValues> allowed) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(startAfter, "startAfter");
        Objects.requireNonNull(allowed, "allowed");
        loaded();
        return complete().files(prefix, startAfter, allowed);
    }

    @Override
    public Map<PartitionValues, Long> dataFileCounts() {
        loaded();
        return complete().dataFileCounts();
    }

    /** {@inheritDoc} The mapping and protocol are those of the indexed version, read on every request. */
    @Override
    public ObjectStore filteredLog(LogGrant grant) {
        Objects.requireNonNull(grant, "grant");
        loaded();
        return new FilteredLogStore(alias, store, grant, publisher::logState, filteredLogCache);
    }

    /**
     * {@inheritDoc} Judged by {@link CommitGate} against the complete index of the newest version, read after a
     * refresh, with that version's column mapping. Should a refresh publish between the two reads, the commit is
     * judged against a version it does not follow and is refused as a lost race.
     */
    @Override
    public void checkCommit(long version, byte[] body, CommitCheck check) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(check, "check");
        refresh();
        IndexSnapshot snapshot = complete();
        LogState state = publisher.logState();
        if (state == null || snapshot != complete()) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log changed; retry");
        }
        if (version <= snapshot.version()) {
            throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED, "Version " + version + " exists already.");
        }
        if (version != snapshot.version() + 1) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Commit refused: version " + version
                    + " does not follow the table's version " + snapshot.version() + ".");
        }
        commitGate.check(body, snapshot::classify, state.mapping(), check);
    }

    /**
     * {@inheritDoc} Judged by {@link DeleteGate} against the complete index read after a refresh, and the latest
     * checkpoint at or below its version ({@link CheckpointBound}).
     */
    @Override
    public List<DeleteVerdict> checkDeletes(List<String> keys, WriteScope scope) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(scope, "scope");
        refresh();
        IndexSnapshot snapshot = complete();
        CheckpointBound.Bound bound;
        try {
            bound = keys.stream().anyMatch(LogNames::inLog) && scope.wholeTable()
                    ? checkpoints.atOrBelow(snapshot.version()) : new CheckpointBound.Bound(-1, Set.of(), false);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        return keys.stream().map(k -> deleteGate.judge(k, snapshot, bound.checkpoint(),
                s -> !bound.sidecarsKnown() || bound.sidecars().contains(s), scope)).toList();
    }

    @Override
    public long version() {
        IndexSnapshot p = publisher.current().snapshot();
        return p == null ? -1 : p.version();
    }

    /**
     * {@inheritDoc} A caller that waited for another refresh returns without reading again only if that refresh
     * began after this call did (so it saw every commit this caller could have seen). Returns once the retained
     * commits of a first load are folded in, and fails if that fold fails.
     */
    @Override
    public void refresh() {
        try {
            publisher.refresh();
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        if (publisher.current().snapshot() != null) {
            complete();
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        publisher.close();
        if (released.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    /** How many commit files have been read in all, once the queued reads are done (tests check increments). */
    long commitsRead() {
        try {
            return publisher.commitsRead();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published snapshot once its "not found" answers are final (see {@link IndexPublisher#awaitComplete}). */
    private IndexSnapshot complete() {
        try {
            return publisher.awaitComplete();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static S3Exception unreadable(Exception cause) {
        return new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read", cause);
    }

    /** The published state, after a first load (or its retry) if none is; fails closed without one. */
    private IndexState loaded() {
        IndexState p = publisher.loaded();
        if (p.snapshot() == null) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be read");
        }
        return p;
    }

    private void tryRefresh() {
        try {
            refresh();
        } catch (S3Exception e) {
            // Logged by the publisher or the fold; the last good snapshot (or the fail-closed answer) stands.
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
