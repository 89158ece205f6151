package proxy.delta;

import java.util.Objects;
import proxy.delta.index.IndexSnapshot;

/**
 * What a table's readers see: the last published snapshot, and whether it holds the files of the retained commits
 * that the first load's checkpoint covers. One value, published at once, so that a reader never pairs a snapshot
 * with the fold state of another.
 *
 * @param snapshot the index
 * @param retained whether an answer that a file is absent can be given from {@code snapshot}
 */
record PublishedIndex(IndexSnapshot snapshot, Retained retained) {
    PublishedIndex {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(retained, "retained");
    }

    /** The state of the retained commits' files in a published snapshot. */
    enum Retained {
        /** Indexed (or there were none): every answer from the snapshot is final. */
        INDEXED,
        /** Being folded in on the log thread: a "not found" must wait for the fold. */
        FOLDING,
        /** The last fold failed: a "not found" cannot be told (fail closed) until a refresh folds them. */
        FAILED
    }

    /** Whether every answer from the snapshot is final. */
    boolean complete() {
        return retained == Retained.INDEXED;
    }
}
