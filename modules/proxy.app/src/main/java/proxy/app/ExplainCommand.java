package proxy.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.config.UserConfig;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.PartitionGrant;

/**
 * {@code explain --table T --user U}: reads the table's Delta log and prints, per partition, how many data files
 * it has and whether U may read them (ALLOW) or also write them (WRITE, by a write grant), naming the grant that
 * allows it. A grant naming a column that is not a
 * partition column of T is pointed out (it can never match a file). U must be a user: one of config.json, the
 * demo principal {@code anonymous} under {@code auth.mode: none}, or one the database grants something to.
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
        try (var components = new ProviderWiring(config, clock)) {
            Table table = components.tables().get(alias);
            if (table == null) {
                throw new ConfigException("--table", "no table '" + alias + "' in tableMapping");
            }
            var principal = new Principal(user, user);
            requireKnown(principal, config, components);
            table.index().refresh();
            List<PartitionGrant> grants = components.policy().grants(principal, alias);
            report(user, alias, table, grants);
        }
        return 0;
    }

    /**
     * @throws ConfigException naming {@code --user} when the name is no user the proxy knows
     */
    private static void requireKnown(Principal principal, ProxyConfig config, ProviderWiring components) {
        boolean known = config.access().users().stream().anyMatch(u -> u.name().equals(principal.name()))
                || config.access().auth().mode().equals("none") && principal.name().equals("anonymous")
                || config.access().databaseEnabled() && config.tables().mapping().keySet().stream()
                .flatMap(alias -> components.policy().grants(principal, alias).stream())
                .anyMatch(grant -> grant.source().startsWith("db:"));
        if (!known) {
            String users = config.access().users().stream().map(UserConfig::name).sorted().collect(Collectors.joining(", "));
            throw new ConfigException("--user", "no user '" + principal.name() + "' (config users: "
                    + (users.isEmpty() ? "none" : users) + (config.access().databaseEnabled()
                    ? "; nor a principal the database grants anything to)" : ")"));
        }
    }

    private void report(String user, String alias, Table table, List<PartitionGrant> grants) {
        out.println("table " + alias + " at version " + table.index().version() + "; grants for " + user + ": "
                + (grants.isEmpty() ? "none (the table is invisible to this user)" : ""));
        var columns = GrantColumns.of(table.index());
        grants.forEach(g -> out.println("  " + g.access().word() + " " + g.source() + " " + g.partition().values()
                + columns.flatMap(c -> GrantColumns.problem(g.partition(), alias, c))
                .map(problem -> "  <- matches no file: it " + problem).orElse("")));
        long readable = 0;
        long total = 0;
        int readablePartitions = 0;
        int writablePartitions = 0;
        var counts = table.index().dataFileCounts();
        var byDescription = new java.util.TreeMap<String, Map.Entry<PartitionValues, Long>>();
        counts.entrySet().forEach(entry -> byDescription.put(describe(entry.getKey()), entry));
        for (var entry : byDescription.values()) {
            var write = grants.stream().filter(PartitionGrant::writes)
                    .filter(g -> g.partition().matches(entry.getKey().values())).findFirst();
            var grant = write.or(() -> grants.stream().filter(g -> g.partition().matches(entry.getKey().values()))
                    .findFirst());
            total += entry.getValue();
            if (grant.isPresent()) {
                readable += entry.getValue();
                readablePartitions++;
            }
            writablePartitions += write.isPresent() ? 1 : 0;
            out.println(String.format("  %-8s %6d files  %s%s", write.isPresent() ? "WRITE" : grant.isPresent()
                    ? "ALLOW" : "deny", entry.getValue(), describe(entry.getKey()),
                    grant.map(g -> "  by " + g.source()).orElse("")));
        }
        out.println(user + " can read " + readable + " of " + total + " data files in " + readablePartitions + " of "
                + counts.size() + " partitions of " + alias + (grants.isEmpty() ? "" : ", and its _delta_log"));
        if (grants.stream().anyMatch(PartitionGrant::writes)) {
            out.println(user + " can write " + writablePartitions + " of " + counts.size() + " partitions of " + alias
                    + " (and new partitions its write grants match)");
        }
    }

    private static String describe(PartitionValues partition) {
        return partition.values().isEmpty() ? "(unpartitioned)" : partition.values().toString();
    }
}
