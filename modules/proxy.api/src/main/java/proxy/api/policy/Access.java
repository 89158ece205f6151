package proxy.api.policy;

/**
 * What a {@link PartitionGrant} allows. A write grant also allows reading the same partitions; a read grant never
 * allows a write.
 */
public enum Access {
    /** GET, HEAD and listings of the granted partitions. */
    READ,
    /** Everything {@link #READ} allows, and writes (data files, commits) to the granted partitions. */
    WRITE;

    /** The lower-case word used in config, the database and {@code explain}: {@code read} or {@code write}. */
    public String word() {
        return this == READ ? "read" : "write";
    }
}
