package proxy.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One allowed partition set as written in config or the permissions table: logical partition column name to
 * the value as written in the Delta log. A {@code null} value matches a null partition value; an empty spec
 * matches every file of the table.
 *
 * @param values unmodifiable; keys are never null, values may be
 */
public record PartitionSpec(Map<String, String> values) {
    /** The spec that matches every file. */
    public static final PartitionSpec WHOLE_TABLE = new PartitionSpec(Map.of());

    public PartitionSpec {
        Objects.requireNonNull(values, "values");
        var copy = new LinkedHashMap<String, String>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "partition column"), v));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Whether every entry of this spec equals the file's partition value for that column.
     *
     * @param fileValues logical column name to value (null for a null partition); a column the file does not
     *                   have never matches
     */
    public boolean matches(Map<String, String> fileValues) {
        for (var entry : values.entrySet()) {
            if (!fileValues.containsKey(entry.getKey())
                    || !Objects.equals(entry.getValue(), fileValues.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
