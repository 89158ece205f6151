package proxy.delta.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Physical to logical names of a table's top-level columns, from the schema of its latest {@code metaData}.
 * With column mapping ({@code delta.columnMapping.mode} {@code name} or {@code id}) the log keys
 * {@code partitionValues} by {@code delta.columnMapping.physicalName}; grants use the names users see.
 */
public final class ColumnMapping {
    private static final String PHYSICAL = "delta.columnMapping.physicalName";

    private final Map<String, String> logicalByPhysical;

    private ColumnMapping(Map<String, String> logicalByPhysical) {
        this.logicalByPhysical = Map.copyOf(logicalByPhysical);
    }

    /** No mapping: names are logical already. */
    public static ColumnMapping none() {
        return new ColumnMapping(Map.of());
    }

    /**
     * The mapping a {@code metaData} action defines.
     *
     * @throws UncheckedIOException when the schema string is not JSON
     */
    public static ColumnMapping of(String schemaString, Map<String, String> configuration, ObjectMapper json) {
        String mode = configuration.getOrDefault("delta.columnMapping.mode", "none");
        if (mode.equals("none")) {
            return none();
        }
        JsonNode schema;
        try {
            schema = json.readTree(schemaString);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Unreadable table schema", e);
        }
        Map<String, String> map = new HashMap<>();
        for (JsonNode field : schema.path("fields")) {
            JsonNode physical = field.path("metadata").path(PHYSICAL);
            if (physical.isTextual() && field.path("name").isTextual()) {
                map.put(physical.asText(), field.path("name").asText());
            }
        }
        return new ColumnMapping(map);
    }

    /** The logical name of a column the log names; the name itself when it is not a mapped physical name. */
    public String logical(String physical) {
        return logicalByPhysical.getOrDefault(physical, physical);
    }

    /**
     * A canonical text of the mapping, equal for equal mappings: each pair length-prefixed, in physical name order
     * (a cache key component of the filtered log).
     */
    public String fingerprint() {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(logicalByPhysical).forEach((p, l) ->
                b.append(p.length()).append(':').append(p).append(l.length()).append(':').append(l).append(';'));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnMapping other && logicalByPhysical.equals(other.logicalByPhysical);
    }

    @Override
    public int hashCode() {
        return logicalByPhysical.hashCode();
    }
}
