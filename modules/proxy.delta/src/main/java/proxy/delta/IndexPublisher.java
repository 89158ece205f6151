package proxy.delta;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import proxy.api.ProviderContext;
import proxy.api.storage.ObjectStore;
import proxy.delta.PublishedIndex.Retained;
import proxy.delta.index.IndexSnapshot;
import proxy.delta.log.LogState;

/**
 * Reads one table's log on its {@link LogThread} and publishes each new {@link PublishedIndex}; reports every
 * refresh and fold to the index metrics. Every read and every publication happens on that thread, one task at a
 * time, each task starting from what the previous one published; readers only read the volatile field.
 *
 * <p>Ordering: the first load publishes the current table state (checkpoint and newer commits). If the checkpoint
 * covers retained commits, the load queues their fold before it publishes, and marks the snapshot
 * {@link Retained#FOLDING}; any task queued afterwards (a refresh, a reader's wait) runs after the fold, so
 * refreshes wait for the fold and start from the folded snapshot: neither side's files are lost. A failed fold
 * leaves the snapshot {@link Retained#FAILED}; the next refresh queues it again.
 */
final class IndexPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IndexPublisher.class.getName());

    private final String alias;
    private final ProviderContext context;
    private final TableRefresher refresher;
    private final LogThread logThread;
    private volatile PublishedIndex published; // written on the log thread only

    IndexPublisher(String alias, ObjectStore store, ProviderContext context) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.context = Objects.requireNonNull(context, "context");
        this.refresher = new TableRefresher(store);
        this.logThread = new LogThread(alias);
    }

    /** The last published index, or null before the first load succeeded. */
    PublishedIndex current() {
        return published;
    }

    /**
     * Reads the commits newer than the published index (the current table state on the first load), publishes the
     * result, and waits for it; a pending fold runs first.
     *
     * @throws IOException when the log cannot be listed or read, or the thread is closed; nothing is published
     */
    PublishedIndex refresh() throws IOException {
        long start = System.nanoTime();
        try {
            PublishedIndex next = logThread.call(this::readAndPublish);
            context.metrics().indexRefresh(alias, true, since(start), next.snapshot().version());
            return next;
        } catch (IOException | RuntimeException e) {
            PublishedIndex last = published;
            context.metrics().indexRefresh(alias, false, since(start), last == null ? -1 : last.snapshot().version());
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
        PublishedIndex p = Objects.requireNonNull(published, "published");
        while (p.retained() == Retained.FOLDING) {
            p = logThread.call(() -> published); // runs after the queued fold
        }
        if (p.retained() == Retained.FAILED) {
            throw new IOException("The retained commits of table " + alias + " are not indexed: the fold failed");
        }
        return p.snapshot();
    }

    /** The column mapping and protocol of the indexed version; null before the first load. */
    LogState state() {
        return refresher.state();
    }

    /** How many commit files have been read in all, once the queued reads are done. */
    long commitsRead() throws IOException {
        return logThread.call(refresher::commitsRead);
    }

    @Override
    public void close() {
        logThread.close();
    }

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

    /** Folds the retained commits' files into the published snapshot; reports the outcome like a refresh. */
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
                published = new PublishedIndex(before.snapshot(), Retained.FAILED); // after an Error too
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
