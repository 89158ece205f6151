package proxy.api.policy;

import java.util.Objects;
import proxy.api.config.PartitionSpec;

/**
 * Permission for one principal (or every authenticated principal) to read the files of one table whose
 * partition values match a spec.
 *
 * @param principal the principal name, or {@link #EVERYONE}
 * @param table     the table alias
 * @param partition the partition values a file must have; {@link PartitionSpec#WHOLE_TABLE} for all files
 * @param source    where the grant comes from, for {@code explain} and the audit log, e.g.
 *                  {@code config:allowedPartitions} or {@code db:permissions#12}
 */
public record PartitionGrant(String principal, String table, PartitionSpec partition, String source) {
    /** The principal name of grants that apply to every authenticated principal. */
    public static final String EVERYONE = "*";

    public PartitionGrant {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(source, "source");
    }
}
