package proxy.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import proxy.api.config.ConfigException;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;

/**
 * Checks that grants name only partition columns of their tables. A grant naming another column can never match a
 * file (it fails closed), so it is almost certainly a typo or a misunderstanding: {@code serve} and
 * {@code check-config} refuse such a grant in config.json, {@code explain} points at it.
 *
 * <p>The partition columns are those of the table's indexed data files (the logical names the Delta log gives
 * their partition values); a table without data files has none known and is not checked.
 */
final class GrantColumns {
    private GrantColumns() {
    }

    /** The partition columns of a loaded table; empty when it has no data file to tell. */
    static Optional<SequencedSet<String>> of(TableIndex index) {
        Map<PartitionValues, Long> counts = index.dataFileCounts();
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        var columns = new LinkedHashSet<String>();
        counts.keySet().forEach(partition -> columns.addAll(partition.values().keySet()));
        return Optional.of(columns);
    }

    /**
     * Why {@code spec} cannot match a file of {@code alias}, or empty when every column it names is a partition
     * column.
     */
    static Optional<String> problem(PartitionSpec spec, String alias, SequencedSet<String> columns) {
        List<String> unknown = spec.values().keySet().stream().filter(c -> !columns.contains(c)).toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        String named = unknown.size() == 1 ? "column '" + unknown.getFirst() + "', which is not a partition column"
                : "columns " + unknown.stream().map(c -> "'" + c + "'").toList() + ", which are not partition columns";
        return Optional.of("names " + named + " of " + alias + (columns.isEmpty()
                ? " (" + alias + " is not partitioned: grant the whole table with {})"
                : " (its partition columns: " + String.join(", ", columns) + ")"));
    }

    /**
     * Checks every grant of config.json on the given tables.
     *
     * @param columns partition columns by alias, for the tables whose columns are known
     * @throws ConfigException naming the first grant that names a column that is not a partition column
     */
    static void check(ProxyConfig config, Map<String, SequencedSet<String>> columns) {
        List<Issue> issues = issues(config, columns);
        if (!issues.isEmpty()) {
            throw new ConfigException(issues.getFirst().key(), issues.getFirst().problem());
        }
    }

    /** Every grant of config.json that names a column that is not a partition column, in config order. */
    static List<Issue> issues(ProxyConfig config, Map<String, SequencedSet<String>> columns) {
        var issues = new ArrayList<Issue>();
        config.access().allowedPartitions().forEach((alias, specs) -> collect("allowedPartitions." + alias, alias, specs,
                columns, issues));
        config.access().users().forEach(user -> user.grants().forEach((alias, specs) ->
                collect("users[" + user.name() + "].grants." + alias, alias, specs, columns, issues)));
        return issues;
    }

    private static void collect(String key, String alias, List<PartitionSpec> specs,
                                Map<String, SequencedSet<String>> columns, List<Issue> issues) {
        SequencedSet<String> known = columns.get(alias);
        if (known == null) {
            return;
        }
        for (int i = 0; i < specs.size(); i++) {
            String at = key + "[" + i + "]";
            problem(specs.get(i), alias, known).ifPresent(p -> issues.add(new Issue(at, p)));
        }
    }

    /** A grant at a dotted config key and what is wrong with it. */
    record Issue(String key, String problem) {
    }
}
