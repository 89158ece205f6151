package proxy.api.delta;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A grant set that sees a table's {@code _delta_log/} filtered: the log of a smaller table holding exactly the files
 * the set may read (DESIGN.md section 5, {@code deltaLog: filtered}).
 *
 * @param id       a canonical description of the grant set: equal for equal sets (whatever their order or source),
 *                 different for different ones; filtered objects are cached and shared by it, so it must determine
 *                 {@code readable} completely
 * @param readable whether a file with these logical partition values may be read
 */
public record LogGrant(String id, Predicate<PartitionValues> readable) {
    /** The grant set that reads no file (the fail-closed default). */
    public static final LogGrant NOTHING = new LogGrant("", p -> false);

    public LogGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(readable, "readable");
    }
}
