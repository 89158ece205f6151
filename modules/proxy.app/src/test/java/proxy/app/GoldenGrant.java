package proxy.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import proxy.api.config.PartitionSpec;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;

/**
 * One user holding exactly one grant on one golden table, and what the test expects that grant to open: a data
 * or cdc file iff every grant entry equals the file's logical partition value (a null value matches a null
 * partition, a column the file lacks never matches); a whole deletion-vector file iff every data file referencing
 * it is readable (listed iff one is: the other vectors are open to ranged reads only); nothing else.
 *
 * @param id    unique among the scenarios; names the user and its keys
 * @param table the table alias (the golden table's directory name)
 * @param log   the table's log as the test parsed it
 * @param grant the partition map of the one grant
 * @param why   what the scenario exercises, for the test name
 */
record GoldenGrant(int id, String table, GoldenLog log, Map<String, String> grant, String why) {

    GoldenGrant {
        grant = Collections.unmodifiableMap(new LinkedHashMap<>(grant));
    }

    String accessKey() {
        return "AKIAGOLDEN%06d".formatted(id);
    }

    String secretKey() {
        return "golden-secret/" + id + "+x=y";
    }

    UserConfig user() {
        return new UserConfig("golden" + id, accessKey(), new Secret(secretKey()),
                Map.of(table, List.of(new PartitionSpec(grant))));
    }

    /**
     * Whether the grant opens a whole key of the table (data, cdc, or a deletion-vector file all of whose vectors
     * are readable); never a {@code _delta_log} key.
     */
    boolean readable(String key) {
        GoldenLog.LoggedFile file = log.files().get(key);
        if (file != null) {
            return matches(file.values());
        }
        Set<String> referrers = log.deletionVectors().get(key);
        return referrers != null && referrers.stream().allMatch(this::readable);
    }

    /** Whether listings show a key: a readable one, or a deletion-vector file with at least one readable vector. */
    boolean listed(String key) {
        Set<String> referrers = log.deletionVectors().get(key);
        return readable(key) || referrers != null && referrers.stream().anyMatch(this::readable);
    }

    private boolean matches(Map<String, String> values) {
        return grant.entrySet().stream().allMatch(e -> values.containsKey(e.getKey())
                && Objects.equals(e.getValue(), values.get(e.getKey())));
    }

    /** The grant with string values quoted, so a null partition and the string "null" read differently. */
    String shown() {
        StringBuilder shown = new StringBuilder("{");
        grant.forEach((column, value) -> shown.append(shown.length() > 1 ? ", " : "").append(column).append('=')
                .append(value == null ? "null" : '"' + value + '"'));
        return shown.append('}').toString();
    }

    @Override
    public String toString() {
        return table + " " + shown() + " (" + why + ")";
    }

    /** The scenarios of one table, numbered from {@code firstId}. */
    static List<GoldenGrant> scenarios(String table, GoldenLog log, int firstId) {
        Map<Map<String, String>, String> grants = new LinkedHashMap<>();
        grants.put(Map.of(), "whole table");
        List<String> partitionColumns = log.partitionColumns();
        for (String column : partitionColumns) {
            List<String> values = valuesByFrequency(log, column);
            boolean first = column.equals(partitionColumns.getFirst());
            if (first) {
                grants.put(Map.of(column, mostCommon(values)), "most common value");
            }
            if (values.contains("null")) {
                grants.put(Map.of(column, "null"), "string literal null");
            }
            if (values.contains(null) && (first || values.contains("null"))) {
                grants.putIfAbsent(nullValue(column), "null partition");
            }
        }
        Set<String> historical = new LinkedHashSet<>();
        log.files().values().forEach(f -> historical.addAll(f.values().keySet()));
        historical.removeAll(partitionColumns);
        historical.forEach(c -> grants.put(Map.of(c, mostCommon(valuesByFrequency(log, c))), "historical column"));
        if (partitionColumns.size() > 1) {
            grants.put(log.files().values().iterator().next().values(), "every partition column");
        }
        physicalNameGrant(log).ifPresent(g -> grants.put(g, "physical column name"));
        List<GoldenGrant> scenarios = new ArrayList<>();
        grants.forEach((grant, why) -> scenarios.add(new GoldenGrant(firstId + scenarios.size(), table, log, grant,
                why)));
        return scenarios;
    }

    private static String mostCommon(List<String> values) {
        return values.stream().filter(Objects::nonNull).findFirst().orElseThrow();
    }

    /** With column mapping: the first partition column (else any column) keyed by its physical name. */
    private static Optional<Map<String, String>> physicalNameGrant(GoldenLog log) {
        if (log.logicalToPhysical().isEmpty()) {
            return Optional.empty();
        }
        if (log.partitionColumns().isEmpty()) {
            String column = new TreeMap<>(log.logicalToPhysical()).firstKey();
            return Optional.of(Map.of(log.logicalToPhysical().get(column), "0"));
        }
        String column = log.partitionColumns().getFirst();
        return Optional.of(Map.of(log.logicalToPhysical().get(column),
                mostCommon(valuesByFrequency(log, column))));
    }

    /** The values of a column over the files that have it, most frequent first, ties by value. */
    static List<String> valuesByFrequency(GoldenLog log, String column) {
        Map<String, Integer> counts = new HashMap<>();
        log.files().values().stream().filter(f -> f.values().containsKey(column))
                .forEach(f -> counts.merge(f.values().get(column), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> nullValue(String column) {
        Map<String, String> values = new HashMap<>();
        values.put(column, null);
        return values;
    }
}
