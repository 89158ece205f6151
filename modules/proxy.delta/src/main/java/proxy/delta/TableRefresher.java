package proxy.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.defaults.engine.DefaultEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.index.IndexSnapshot;
import proxy.delta.index.IndexUpdate;
import proxy.delta.index.TupleTable;
import proxy.delta.io.RetryingStore;
import proxy.delta.io.StoreFileIO;
import proxy.delta.log.ActionReader;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.LogFile;
import proxy.delta.log.LogListing;
import proxy.delta.log.LogState;
import proxy.delta.log.Protocol;
import proxy.delta.log.RetainedCommitReader;
import proxy.delta.log.TablePaths;

/**
 * Reads one table's log into {@link IndexSnapshot}s. The first load reads the latest checkpoint and the commits
 * after it: the current table state, what a Kernel scan reads. The commits the checkpoint covers (at or before its
 * version) may still be retained; their files stay readable for time travel, so {@link #foldRetained} then adds
 * their file references, read with {@link RetainedCommitReader} (a long retained history would otherwise cost more
 * than the checkpoint). Each later {@link #refresh} lists the log from the indexed version on and reads only the
 * newer commits (a new checkpoint changes nothing: its files are already indexed from the commits). Not
 * thread-safe: the owning {@link IndexPublisher} calls it from its log thread only.
 */
final class TableRefresher {
    private static final System.Logger LOG = System.getLogger(TableRefresher.class.getName());
    private final StoreFileIO fileIO;
    private final ActionReader reader;
    private final RetainedCommitReader retained;
    private final TablePaths paths;
    private final TupleTable tuples = new TupleTable();
    private final ObjectMapper json = new ObjectMapper();
    private ColumnMapping mapping = ColumnMapping.none();
    private Protocol protocol; // null before the first load
    private volatile LogState state; // written on the log thread, read by any
    private long commitsRead;
    private long retainedUpTo = -1; // the version of the checkpoint whose covered commits are still to fold, or -1

    TableRefresher(ObjectStore store) {
        Objects.requireNonNull(store, "store");
        this.fileIO = new StoreFileIO(new RetryingStore(store));
        this.reader = new ActionReader(DefaultEngine.create(fileIO), fileIO);
        this.retained = new RetainedCommitReader(fileIO);
        this.paths = new TablePaths(store.root());
    }

    /**
     * The column mapping and protocol of the indexed version (what serving the filtered log needs), or null before
     * the first load. Safe to call from any thread.
     */
    LogState state() {
        return state;
    }

    /** How many commit files all refreshes have read so far (for tests and logs). */
    long commitsRead() {
        return commitsRead;
    }

    /**
     * The snapshot after reading what is new since {@code current}. A first load (no {@code current}) leaves the
     * retained commits its checkpoint covers to {@link #foldRetained}.
     *
     * @param current the published snapshot, or empty for the first load
     * @return {@code current} itself when the log has no newer commit
     * @throws IOException when the log cannot be listed or read; a log without commits or checkpoints (a table
     *                     not created yet) is the empty snapshot at version -1, not an error
     */
    IndexSnapshot refresh(Optional<IndexSnapshot> current) throws IOException {
        // An empty table (no log yet) is read again as a first load: its log may start with a checkpoint.
        Optional<IndexSnapshot> base = current.filter(c -> c.version() >= 0);
        long from = base.map(IndexSnapshot::version).orElse(-1L);
        LogListing listing = LogListing.of(list(from));
        List<LogFile> commits = listing.commits().stream().filter(c -> c.version() > from).toList();
        if (base.isPresent()) {
            if (commits.isEmpty()) {
                return current.get();
            }
            if (commits.getFirst().version() != from + 1) {
                return afterCleanup(base.get(), listing, commits);
            }
            return apply(base.get(), commits, Optional.empty(), commits.getLast().version());
        }
        if (listing.maxVersion() < 0) {
            // A root without a log is a table not created yet: empty, version -1, until a commit 0 appears (a
            // whole-table writer creates it through the proxy). Nothing is readable; a later refresh reads commit 0.
            if (current.isEmpty() && holdsObjects()) {
                LOG.log(System.Logger.Level.WARNING, "No Delta log under " + LogFile.LOG_DIR + " but the table root"
                        + " holds objects: serving an empty table (nothing readable) until a version 0 appears");
            }
            state = new LogState(mapping, Optional.empty());
            return current.orElse(IndexSnapshot.empty());
        }
        Optional<List<LogFile>> checkpoint = listing.latestCheckpoint();
        long checkpointVersion = checkpoint.map(c -> c.getFirst().version()).orElse(-1L);
        IndexSnapshot first = apply(IndexSnapshot.empty(),
                commits.stream().filter(c -> c.version() > checkpointVersion).toList(), checkpoint,
                listing.maxVersion());
        retainedUpTo = commits.stream().anyMatch(c -> c.version() <= checkpointVersion) ? checkpointVersion : -1;
        return first;
    }

    /**
     * The next snapshot when log cleanup deleted commits after {@code current}'s version (another replica allowed it
     * while this one lagged behind): the newest checkpoint the listing holds, read as one newer version, and the
     * commits after it. Its files get their liveness from it; a file it no longer names keeps what the index said
     * (a file removed in the deleted commits may stay "live", so it is refused to VACUUM, never wrongly offered).
     *
     * @throws IOException when no checkpoint covers the gap
     */
    private IndexSnapshot afterCleanup(IndexSnapshot current, LogListing listing, List<LogFile> commits)
            throws IOException {
        Optional<List<LogFile>> checkpoint = listing.latestCheckpoint();
        long checkpointVersion = checkpoint.map(c -> c.getFirst().version()).orElse(-1L);
        if (checkpointVersion + 1 < commits.getFirst().version()) {
            throw new IOException("Commits " + (current.version() + 1) + " to " + (commits.getFirst().version() - 1)
                    + " are missing from the log and no checkpoint covers them");
        }
        return apply(current, commits.stream().filter(c -> c.version() > checkpointVersion).toList(), checkpoint,
                Math.max(checkpointVersion, commits.getLast().version()));
    }

    /**
     * Whether the first load left retained commits to {@link #foldRetained}, and up to which version.
     *
     * @return the version of the first load's checkpoint, or -1 when nothing is left to fold
     */
    long retainedUpTo() {
        return retainedUpTo;
    }

    /**
     * Adds the file references of the retained commits the first load's checkpoint covers to {@code current}.
     * The log is listed again, so that a retry after a failure does not ask for commits that log cleanup has
     * deleted since (their files are no longer retained). All or nothing: on failure nothing is added and the
     * next call tries again.
     *
     * @param current the published snapshot (its version and newer files are kept)
     * @return {@code current} with those files, or {@code current} itself when nothing is left to fold
     * @throws IOException when the log cannot be listed or a commit cannot be read
     */
    IndexSnapshot foldRetained(IndexSnapshot current) throws IOException {
        if (retainedUpTo < 0) {
            return current;
        }
        List<LogFile> commits = LogListing.of(list(-1)).commits().stream()
                .filter(c -> c.version() <= retainedUpTo).toList();
        IndexUpdate update = IndexUpdate.retained(paths, tuples);
        retained.read(commits, update);
        IndexSnapshot folded = update.applyTo(current, current.version(), mapping);
        commitsRead += commits.size();
        retainedUpTo = -1;
        return folded;
    }

    private IndexSnapshot apply(IndexSnapshot base, List<LogFile> commits, Optional<List<LogFile>> checkpoint,
                                long version) throws IOException {
        IndexUpdate update = new IndexUpdate(paths, tuples);
        // Log order, so the newest metaData wins.
        if (checkpoint.isPresent()) {
            reader.readCheckpoint(checkpoint.get(), update);
        }
        reader.readCommits(commits, update);
        if (base.version() < 0 && update.metadata().isEmpty()) {
            throw new IOException("No metaData action in the Delta log");
        }
        ColumnMapping next = update.metadata().isPresent()
                ? ColumnMapping.of(update.metadata().get().schemaString(), update.metadata().get().configuration(), json)
                : mapping;
        IndexSnapshot snapshot = update.applyTo(base, version, next);
        mapping = next;
        protocol = update.protocol().orElse(protocol);
        state = new LogState(mapping, Optional.ofNullable(protocol));
        commitsRead += commits.size();
        return snapshot;
    }

    private boolean holdsObjects() throws IOException {
        return fileIO.holdsObjects();
    }

    private List<LogFile> list(long from) throws IOException {
        String start = from < 0 ? LogFile.LOG_DIR : LogFile.commitKey(from + 1);
        List<LogFile> out = new ArrayList<>();
        for (ObjectMeta meta : fileIO.listDirectory(LogFile.LOG_DIR, start)) {
            LogFile.parse(meta.key(), meta.size()).ifPresent(out::add);
        }
        return out;
    }
}
