package proxy.delta.filtered;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import proxy.api.delta.PartitionValues;
import proxy.delta.log.ColumnMapping;

/**
 * Which files of a table one grant set may read, decided exactly as for GETs: the log's partition values (keyed by
 * physical column name) become logical names through the table's column mapping, then the grant set's predicate
 * decides. The filtered log is a pure function of the upstream bytes and this filter, so a cache of filtered objects
 * must key on both the grant set and the mapping.
 *
 * @param mapping  physical to logical column names of the table's latest {@code metaData}
 * @param readable the grant set: whether a file with these logical partition values may be read
 */
public record FileFilter(ColumnMapping mapping, Predicate<PartitionValues> readable) {
    public FileFilter {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(readable, "readable");
    }

    /** Whether a file whose log entry has these partition values (physical names, null values allowed) is readable. */
    public boolean readable(Map<String, String> physicalValues) {
        if (physicalValues.isEmpty()) {
            return readable.test(PartitionValues.NONE);
        }
        Map<String, String> logical = new LinkedHashMap<>();
        physicalValues.forEach((k, v) -> logical.put(mapping.logical(k), v));
        return readable.test(new PartitionValues(logical));
    }
}
