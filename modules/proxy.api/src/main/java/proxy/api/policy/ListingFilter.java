package proxy.api.policy;

import java.util.Optional;
import proxy.api.delta.LogGrant;
import proxy.api.delta.PartitionValues;

/** Which entries of one table's listing a principal may see. */
public interface ListingFilter {

    /** Whether the key (relative to the table root) may appear as an object. */
    boolean showsKey(String key);

    /** Whether the common prefix (relative, ending with the delimiter) has a readable key beneath it. */
    boolean showsPrefix(String prefix);

    /**
     * Whether files of a partition may appear (a deletion vector appears when one of the partitions of the data
     * files that reference it does). Listings of data keys ask the index with this predicate, so that hidden
     * partitions cost nothing.
     */
    default boolean showsPartition(PartitionValues partition) {
        return false;
    }

    /** Whether the protocol files under {@code _delta_log/} may appear. */
    default boolean showsLog() {
        return false;
    }

    /**
     * How the principal reads {@code _delta_log/} (GET, HEAD and listings): empty to read it as stored (passthrough,
     * or grants that cover the whole table), else filtered for this grant set. The default, the view of a grant set
     * that reads nothing, fails closed.
     */
    default Optional<LogGrant> filteredLog() {
        return Optional.of(LogGrant.NOTHING);
    }

    /** The filter that shows nothing. */
    ListingFilter NOTHING = new ListingFilter() {
        @Override
        public boolean showsKey(String key) {
            return false;
        }

        @Override
        public boolean showsPrefix(String prefix) {
            return false;
        }
    };
}
