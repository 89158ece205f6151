package proxy.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.config.ConfigException;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.PartitionGrant;

/**
 * {@code explain --table T --user U}: reads the table's Delta log and prints, per partition, how many data files
 * it has and whether U may read them, naming the grant that allows it.
 */
final class ExplainCommand {
    private final PrintStream out;
    private final Clock clock;

    ExplainCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    int run(Arguments arguments, Map<String, String> env) {
        String alias = arguments.option("table").orElseThrow(() -> new Arguments.UsageException("explain needs --table"));
        String user = arguments.option("user").orElseThrow(() -> new Arguments.UsageException("explain needs --user"));
        var config = ConfigFiles.load(arguments, env).toBuilder().metricsPort(java.util.OptionalInt.empty()).build();
        try (var components = new Components(config, clock)) {
            Table table = components.tables().get(alias);
            if (table == null) {
                throw new ConfigException("--table", "no table '" + alias + "' in tableMapping");
            }
            table.index().refresh();
            var principal = new Principal(user, user);
            List<PartitionGrant> grants = components.policy().grants(principal, alias);
            report(user, alias, table, grants);
        }
        return 0;
    }

    private void report(String user, String alias, Table table, List<PartitionGrant> grants) {
        out.println("table " + alias + " at version " + table.index().version() + "; grants for " + user + ": "
                + (grants.isEmpty() ? "none (the table is invisible to this user)" : ""));
        grants.forEach(g -> out.println("  " + g.source() + " " + g.partition().values()));
        long readable = 0;
        long total = 0;
        int readablePartitions = 0;
        var counts = table.index().dataFileCounts();
        var byDescription = new java.util.TreeMap<String, Map.Entry<PartitionValues, Long>>();
        counts.entrySet().forEach(entry -> byDescription.put(describe(entry.getKey()), entry));
        for (var entry : byDescription.values()) {
            var grant = grants.stream().filter(g -> g.partition().matches(entry.getKey().values())).findFirst();
            total += entry.getValue();
            if (grant.isPresent()) {
                readable += entry.getValue();
                readablePartitions++;
            }
            out.println(String.format("  %-8s %6d files  %s%s", grant.isPresent() ? "ALLOW" : "deny", entry.getValue(),
                    describe(entry.getKey()), grant.map(g -> "  by " + g.source()).orElse("")));
        }
        out.println(user + " can read " + readable + " of " + total + " data files in " + readablePartitions + " of "
                + counts.size() + " partitions of " + alias + (grants.isEmpty() ? "" : ", and its _delta_log"));
    }

    private static String describe(PartitionValues partition) {
        return partition.values().isEmpty() ? "(unpartitioned)" : partition.values().toString();
    }
}
