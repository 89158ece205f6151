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

    /**
     * A deletion-vector file (storage type {@code u} or {@code p}): one or more serialized vectors, each referenced
     * by data files, after a 1-byte format version. Several data files, of several partitions, may share one file,
     * so who may read which bytes is decided per {@link Window}.
     *
     * @param windows every vector of the file the retained log references, with the partition of each data file
     *                that references it; sorted by offset, then partition order of discovery; never empty
     */
    record DeletionVector(List<Window> windows) implements FileClass {
        public DeletionVector {
            windows = List.copyOf(windows);
        }

        /** The distinct partitions of the data files that reference a vector of this file. */
        public List<PartitionValues> referencedBy() {
            return windows.stream().map(Window::partition).distinct().toList();
        }

        /**
         * The bytes of one stored vector (PROTOCOL.md, "Deletion Vector Format"): at {@code offset}, a 4-byte
         * big-endian size, the serialized bitmap ({@code sizeInBytes} of the descriptor) and a 4-byte checksum.
         *
         * @param offset    the descriptor's {@code offset}
         * @param length    {@code sizeInBytes + 8}; 0 when the descriptor's size is missing or malformed (such a
         *                  window opens no byte to anyone, but its partition still counts for the whole file)
         * @param partition the partition of the data file whose descriptor names it
         */
        public record Window(long offset, long length, PartitionValues partition) {
            public Window {
                Objects.requireNonNull(partition, "partition");
                if (offset < 0 || length < 0) {
                    throw new IllegalArgumentException("negative deletion-vector window " + offset + "+" + length);
                }
            }

            /** The first byte after the window. */
            public long end() {
                return offset + length;
            }
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
