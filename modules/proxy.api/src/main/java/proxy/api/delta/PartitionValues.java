package proxy.api.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The partition values of one file: logical column name to the value as written in the Delta log ({@code null}
 * for a null partition). Instances are shared between files of the same partition (interned by the index).
 */
public record PartitionValues(Map<String, String> values) {
    /** The values of a file in an unpartitioned table. */
    public static final PartitionValues NONE = new PartitionValues(Map.of());

    public PartitionValues {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
