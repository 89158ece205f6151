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
import proxy.delta.io.StoreFileIO;
import proxy.delta.log.ActionReader;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.LogFile;
import proxy.delta.log.LogListing;
import proxy.delta.log.RetainedCommitReader;
import proxy.delta.log.TablePaths;

/**
 * Reads one table's log into {@link IndexSnapshot}s. The first load reads the latest checkpoint and every
 * retained commit: those the checkpoint covers (at or before its version) only for their file references, with
 * {@link RetainedCommitReader} (their files stay readable for time travel; a long retained history would
 * otherwise cost more than the checkpoint), the newer ones in full. Each later call lists the log from the
 * indexed version on and reads only the newer commits (a new checkpoint changes nothing: its files are already
 * indexed from the commits). Not thread-safe: the owning {@link DeltaTableIndex} runs one refresh at a time.
 */
final class TableRefresher {
    private final StoreFileIO fileIO;
    private final ActionReader reader;
    private final RetainedCommitReader retained;
    private final TablePaths paths;
    private final TupleTable tuples = new TupleTable();
    private final ObjectMapper json = new ObjectMapper();
    private ColumnMapping mapping = ColumnMapping.none();
    private long commitsRead;

    TableRefresher(ObjectStore store) {
        Objects.requireNonNull(store, "store");
        this.fileIO = new StoreFileIO(store);
        this.reader = new ActionReader(DefaultEngine.create(fileIO), fileIO);
        this.retained = new RetainedCommitReader(fileIO);
        this.paths = new TablePaths(store.root());
    }

    /** How many commit files all refreshes have read so far (for tests and logs). */
    long commitsRead() {
        return commitsRead;
    }

    /**
     * The snapshot after reading what is new since {@code current}.
     *
     * @param current the published snapshot, or empty for the first load
     * @return {@code current} itself when the log has no newer commit
     * @throws IOException when the log cannot be listed or read, or holds no table
     */
    IndexSnapshot refresh(Optional<IndexSnapshot> current) throws IOException {
        long from = current.map(IndexSnapshot::version).orElse(-1L);
        LogListing listing = LogListing.of(list(from));
        List<LogFile> commits = listing.commits().stream().filter(c -> c.version() > from).toList();
        if (current.isPresent()) {
            if (commits.isEmpty()) {
                return current.get();
            }
            return apply(current.get(), commits, Optional.empty(), commits.getLast().version());
        }
        if (listing.maxVersion() < 0) {
            throw new IOException("No Delta log: no commit or checkpoint under " + LogFile.LOG_DIR);
        }
        return apply(IndexSnapshot.empty(), commits, listing.latestCheckpoint(), listing.maxVersion());
    }

    private IndexSnapshot apply(IndexSnapshot base, List<LogFile> commits, Optional<List<LogFile>> checkpoint,
                                long version) throws IOException {
        IndexUpdate update = new IndexUpdate(paths, tuples);
        long checkpointVersion = checkpoint.map(c -> c.getFirst().version()).orElse(-1L);
        // Log order, so the newest metaData wins: commits up to the checkpoint (their files only: the checkpoint
        // holds the table state as of its version), the checkpoint, then the rest.
        retained.read(commits.stream().filter(c -> c.version() <= checkpointVersion).toList(), update);
        if (checkpoint.isPresent()) {
            reader.readCheckpoint(checkpoint.get(), update);
        }
        reader.readCommits(commits.stream().filter(c -> c.version() > checkpointVersion).toList(), update);
        if (base.version() < 0 && update.metadata().isEmpty()) {
            throw new IOException("No metaData action in the Delta log");
        }
        ColumnMapping next = update.metadata().isPresent()
                ? ColumnMapping.of(update.metadata().get().schemaString(), update.metadata().get().configuration(), json)
                : mapping;
        IndexSnapshot snapshot = update.applyTo(base, version, next);
        mapping = next;
        commitsRead += commits.size();
        return snapshot;
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
