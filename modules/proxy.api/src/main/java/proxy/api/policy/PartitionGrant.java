package proxy.api.policy;

import java.util.Objects;
import proxy.api.config.PartitionSpec;

/**
 * Permission for one principal (or every authenticated principal) to read, or also to write, the files of one
 * table whose partition values match a spec.
 *
 * @param principal the principal name, or {@link #EVERYONE}
 * @param table     the table alias
 * @param partition the partition values a file must have; {@link PartitionSpec#WHOLE_TABLE} for all files
 * @param source    where the grant comes from, for {@code explain} and the audit log, e.g.
 *                  {@code config:allowedPartitions} or {@code db:permissions#12}
 * @param access    {@link Access#READ}, or {@link Access#WRITE} (which implies read)
 */
public record PartitionGrant(String principal, String table, PartitionSpec partition, String source,
                             Access access) {
    /** The principal name of grants that apply to every authenticated principal. */
    public static final String EVERYONE = "*";

    public PartitionGrant {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(access, "access");
    }

    /** A read grant. */
    public PartitionGrant(String principal, String table, PartitionSpec partition, String source) {
        this(principal, table, partition, source, Access.READ);
    }

    /** Whether this grant allows writes. */
    public boolean writes() {
        return access == Access.WRITE;
    }
}
