package proxy.delta.log;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A file-referencing action of the log, as written: the path still URI-encoded, partition values keyed by
 * physical column name ({@code null} values for null partitions).
 *
 * @param type            which action
 * @param path            {@code add.path} etc., URI-encoded, relative or absolute
 * @param partitionValues physical column name to the value as written; not copied, so the caller must not
 *                        change it afterwards
 * @param deletionVector  the deletion vector descriptor of an add or remove, if any
 * @param size            the action's {@code size} in bytes, or -1 when it has none
 * @param modificationTime the action's {@code modificationTime} (epoch milliseconds; {@code add} only), or -1
 */
public record FileAction(Type type, String path, Map<String, String> partitionValues,
                         Optional<DeletionVectorRef> deletionVector, long size, long modificationTime) {
    public FileAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        // Wrapped, not copied (a copy per indexed file showed in profiles): the log readers hand over maps that
        // nothing mutates afterwards, often one instance for a run of files of the same partition.
        partitionValues = Collections.unmodifiableMap(partitionValues);
        Objects.requireNonNull(deletionVector, "deletionVector");
    }

    /** An action whose size and modification time are not known. */
    public FileAction(Type type, String path, Map<String, String> partitionValues,
                      Optional<DeletionVectorRef> deletionVector) {
        this(type, path, partitionValues, deletionVector, -1, -1);
    }

    /** The action kinds that reference files. */
    public enum Type {
        ADD, REMOVE, CDC
    }

    /**
     * A deletion vector descriptor's location fields.
     *
     * @param storageType    {@code u}, {@code p} or {@code i}
     * @param pathOrInlineDv the encoded location
     * @param offset         where the vector starts in its file; 0 when absent (as readers assume), -1 when
     *                       malformed (negative, or not an integer)
     * @param sizeInBytes    the serialized bitmap's size, or -1 when absent or malformed
     */
    public record DeletionVectorRef(String storageType, String pathOrInlineDv, int offset, int sizeInBytes) {
        public DeletionVectorRef {
            Objects.requireNonNull(storageType, "storageType");
            Objects.requireNonNull(pathOrInlineDv, "pathOrInlineDv");
        }

        /** A descriptor whose offset and size are not known (they open no byte of the file). */
        public DeletionVectorRef(String storageType, String pathOrInlineDv) {
            this(storageType, pathOrInlineDv, -1, -1);
        }
    }
}
