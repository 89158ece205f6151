package proxy.api.delta;

import java.util.List;
import java.util.Objects;

/**
 * What a key inside a table is, according to the Delta log. Authorization decides per class; a key the log does
 * not reference is {@link Unknown} and refused.
 */
public sealed interface FileClass {

    /**
     * A file the protocol defines under {@code _delta_log/} (commits, checkpoints, sidecars, checksums; see
     * {@link LogNames}). Other keys under {@code _delta_log/} are {@link Unknown}.
     */
    record DeltaLog() implements FileClass {
    }

    /** A data file referenced by an {@code add} or {@code remove} action. */
    record DataFile(PartitionValues partition) implements FileClass {
        public DataFile {
            Objects.requireNonNull(partition, "partition");
        }
    }

    /** A change-data file referenced by a {@code cdc} action. */
    record ChangeData(PartitionValues partition) implements FileClass {
        public ChangeData {
            Objects.requireNonNull(partition, "partition");
        }
    }

    /** A deletion-vector file; readable iff one of the data files that reference it is. */
    record DeletionVector(List<PartitionValues> referencedBy) implements FileClass {
        public DeletionVector {
            referencedBy = List.copyOf(referencedBy);
        }
    }

    /** A key the log does not reference: orphans, uncommitted files, anything foreign. */
    record Unknown() implements FileClass {
    }

    /** The shared instance for the log. */
    FileClass DELTA_LOG = new DeltaLog();

    /** The shared instance for unknown keys. */
    FileClass UNKNOWN = new Unknown();
}
