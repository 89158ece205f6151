package proxy.delta.filtered;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import proxy.delta.log.ColumnMapping;

/** The tables the engine is proven on, and the partial grants each is tried with. */
final class ProofTables {
    static final List<String> FIXTURES = List.of("colmap", "history", "nulls_and_escapes", "nulls_and_escapes_kernel",
            "trades");
    static final List<String> GOLDEN = List.of("basic-decimal-table", "basic-dv-with-checkpoint",
            "data-reader-escaped-chars", "data-reader-partition-values", "data-reader-timestamp_ntz",
            "data-reader-timestamp_ntz-name-mode", "delta-0.1.0", "deltatbl-partition-prune",
            "dv-partitioned-with-checkpoint", "kernel-timestamp-PST", "multi-part-checkpoint",
            "partitioned-table-with-dv-large", "rs-cdf-table", "table-with-dv-small",
            "time-travel-partition-changes-b", "v2-checkpoint-parquet");

    private ProofTables() {
    }

    /** Every fixture and golden table present, as "fixture:name" or "golden:name". */
    static List<String> all() {
        List<String> out = new ArrayList<>();
        FIXTURES.forEach(n -> out.add("fixture:" + n));
        GOLDEN.forEach(n -> out.add("golden:" + n));
        return out;
    }

    /** The table's directory, when present (golden tables are optional). */
    static Optional<Path> locate(String id) {
        String name = id.substring(id.indexOf(':') + 1);
        Path root = Path.of(System.getProperty("project.root", "")).toAbsolutePath();
        if (id.startsWith("fixture:")) {
            return Optional.of(root.resolve("test-fixtures/tables").resolve(name)).filter(Files::isDirectory);
        }
        return golden().map(g -> g.resolve(name)).filter(Files::isDirectory);
    }

    /** {@code shared/golden} in the nearest ancestor of the project root that has it ({@code ../shared/golden}). */
    static Optional<Path> golden() {
        Path start = Path.of(System.getProperty("project.root", "")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path golden = dir.resolve("shared").resolve("golden");
            if (Files.isDirectory(golden)) {
                return Optional.of(golden);
            }
        }
        return Optional.empty();
    }

    /**
     * Partial grants for a table: one partition value of the first column; two whole partitions; the null partition
     * (or, without one, a value nothing has). An unpartitioned table gets a grant on a column that is not a
     * partition column (never matches: an empty table) and the whole table.
     */
    static List<GrantSet> grants(Path table) {
        ColumnMapping mapping = UpstreamLog.mapping(table);
        TreeMap<String, Map<String, String>> partitions = new TreeMap<>();
        for (UpstreamLog.Action a : UpstreamLog.actions(table)) {
            Map<String, String> values = UpstreamLog.logical(a, mapping);
            partitions.put(values.toString(), values);
        }
        Set<String> columns = new HashSet<>();
        partitions.values().forEach(v -> columns.addAll(v.keySet()));
        if (columns.isEmpty()) {
            return List.of(GrantSet.of("not-a-partition-column", Map.of("id", "1")),
                    GrantSet.of("whole-table", Map.of()));
        }
        Map<String, String> first = partitions.firstEntry().getValue();
        String column = first.keySet().iterator().next();
        List<GrantSet> out = new ArrayList<>();
        out.add(GrantSet.of("one-value", single(column, first.get(column))));
        out.add(new GrantSet("two-partitions", List.of(first, partitions.lastEntry().getValue())));
        Optional<String> nullColumn = partitions.values().stream()
                .flatMap(v -> v.entrySet().stream()).filter(e -> e.getValue() == null).map(Map.Entry::getKey)
                .findFirst();
        out.add(nullColumn.map(c -> GrantSet.of("null-partition", single(c, null)))
                .orElse(GrantSet.of("no-such-value", single(column, "no such value"))));
        return out;
    }

    private static Map<String, String> single(String column, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Objects.requireNonNull(column), value);
        return m;
    }
}
