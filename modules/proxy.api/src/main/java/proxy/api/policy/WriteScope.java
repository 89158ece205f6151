package proxy.api.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import proxy.api.config.PartitionSpec;

/**
 * The write grants of one principal on one table: which partitions it may add files to, remove files from and
 * commit for. Empty means the principal may write nothing. Immutable.
 *
 * @param grants the principal's grants with {@link Access#WRITE} on the table
 */
public record WriteScope(List<PartitionGrant> grants) {
    /** The scope that allows no write. */
    public static final WriteScope NONE = new WriteScope(List.of());

    public WriteScope {
        grants = List.copyOf(grants);
        for (PartitionGrant grant : grants) {
            if (!grant.writes()) {
                throw new IllegalArgumentException("not a write grant: " + grant.source());
            }
        }
    }

    /** Whether no write is allowed. */
    public boolean isEmpty() {
        return grants.isEmpty();
    }

    /**
     * Whether some grant covers the whole table ({@link PartitionSpec#WHOLE_TABLE}): only such a writer may change
     * the table's definition ({@code metaData}, {@code protocol}) or write checkpoints.
     */
    public boolean wholeTable() {
        return grants.stream().anyMatch(g -> g.partition().values().isEmpty());
    }

    /** The grant that covers files with these partition values (logical names), or null. */
    public PartitionGrant covering(Map<String, String> partitionValues) {
        Objects.requireNonNull(partitionValues, "partitionValues");
        for (PartitionGrant grant : grants) {
            if (grant.partition().matches(partitionValues)) {
                return grant;
            }
        }
        return null;
    }
}
