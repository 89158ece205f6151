package proxy.delta;

import java.util.Objects;
import proxy.delta.index.IndexSnapshot;

/**
 * The state of one table's index, and every transition between states: what readers see, published at once as one
 * immutable value (a reader never pairs a snapshot with the fold state of another). The package documentation draws
 * the machine. {@link IndexPublisher} applies the transitions; a transition from a state it does not leave throws
 * {@link IllegalStateException}, so an impossible sequence fails loudly instead of publishing a wrong answer.
 *
 * <ul>
 *   <li>{@link Loading}: nothing read yet; every call loads (or waits for the load).</li>
 *   <li>{@link LoadFailed}: the log has never been read; every call fails closed, and a reader retries the load once
 *       {@link DeltaTableIndex#MISS_REFRESH_INTERVAL} has passed since the failure.</li>
 *   <li>{@link Folding}: the current table state is published, the files of the retained commits its checkpoint
 *       covers are being folded in: a positive answer is final, a "not found" waits for the fold.</li>
 *   <li>{@link FoldFailed}: the fold failed: a "not found" fails closed until a refresh folds them.</li>
 *   <li>{@link Serving}: every answer from the snapshot is final.</li>
 * </ul>
 */
sealed interface IndexState {

    /** The initial state of a new index. */
    static IndexState loading() {
        return new Loading();
    }

    /** The published snapshot, or null while nothing is ({@link Loading}, {@link LoadFailed}). */
    IndexSnapshot snapshot();

    /** Whether every answer from the snapshot is final, a "not found" included ({@link Serving} only). */
    default boolean complete() {
        return this instanceof Serving;
    }

    /**
     * After a successful read of the log (the first load or a refresh): {@code next} is published.
     *
     * @param retainedLeft whether retained commits remain to be folded into {@code next}
     * @return {@link Folding} when commits remain (a fold must then be queued unless this state is already
     *         {@link Folding}), else {@link Serving}
     */
    default IndexState read(IndexSnapshot next, boolean retainedLeft) {
        Objects.requireNonNull(next, "next");
        return retainedLeft || this instanceof Folding ? new Folding(next) : new Serving(next);
    }

    /**
     * After a failed read of the log: a published snapshot stands; without one the load failed.
     *
     * @param atMillis when it failed (the index clock), for the retry interval
     */
    default IndexState readFailed(long atMillis) {
        return snapshot() == null ? new LoadFailed(atMillis) : this;
    }

    /**
     * After the fold of the retained commits succeeded.
     *
     * @throws IllegalStateException unless {@link Folding}
     */
    default IndexState folded(IndexSnapshot folded) {
        throw new IllegalStateException("no fold runs in state " + this);
    }

    /**
     * After the fold of the retained commits failed: the snapshot stands, its "not found" answers fail closed.
     *
     * @throws IllegalStateException unless {@link Folding}
     */
    default IndexState foldFailed() {
        throw new IllegalStateException("no fold runs in state " + this);
    }

    /** Nothing read yet. */
    final class Loading implements IndexState {
        private Loading() {
        }

        @Override
        public IndexSnapshot snapshot() {
            return null;
        }

        @Override
        public String toString() {
            return "Loading";
        }
    }

    /**
     * The first load (and every retry so far) failed.
     *
     * @param atMillis when the last attempt failed
     */
    record LoadFailed(long atMillis) implements IndexState {
        @Override
        public IndexSnapshot snapshot() {
            return null;
        }
    }

    /** Published; the retained commits are being folded in on the log thread. */
    record Folding(IndexSnapshot snapshot) implements IndexState {
        public Folding {
            Objects.requireNonNull(snapshot, "snapshot");
        }

        @Override
        public IndexState folded(IndexSnapshot folded) {
            return new Serving(folded);
        }

        @Override
        public IndexState foldFailed() {
            return new FoldFailed(snapshot);
        }
    }

    /** Published; the last fold failed. */
    record FoldFailed(IndexSnapshot snapshot) implements IndexState {
        public FoldFailed {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** Published and complete. */
    record Serving(IndexSnapshot snapshot) implements IndexState {
        public Serving {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }
}
