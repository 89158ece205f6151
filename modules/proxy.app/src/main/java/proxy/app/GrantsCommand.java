package proxy.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import proxy.api.admin.AccessAdmin;
import proxy.api.config.PartitionSpec;
import proxy.api.policy.Access;

/**
 * {@code grants add|list|revoke}: rows of the {@code permissions} table ({@code add --write} for a write grant,
 * which also allows reading). {@code add} checks every
 * {@code --partition} column against the table's partition columns (read from its Delta log) and refuses a column
 * the table does not have, naming those it has.
 */
final class GrantsCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    GrantsCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run(List<String> words, Map<String, String> env) {
        AdminWords w = AdminWords.parse("grants", words);
        return switch (w.action()) {
            case "add" -> add(w.expect(0, Set.of("user", "table", "partition", "write"), Set.of("partition")),
                    env);
            case "list" -> AdminSession.run(w.expect(0, Set.of("user", "table"), Set.of()), env, clock, err, s -> {
                list(s.admin().grants(w.option("user"), w.option("table")));
                return 0;
            });
            case "revoke" -> {
                long id = id(w.expect(1, Set.of(), Set.of()).positional().getFirst());
                yield AdminSession.run(w, env, clock, err, s -> {
                    s.admin().revokeGrant(id);
                    out.println("revoked grant " + id + ": refused within database.refreshSeconds");
                    return 0;
                });
            }
            default -> throw new Arguments.UsageException("grants: unknown action '" + w.action()
                    + "' (add, list, revoke)");
        };
    }

    private int add(AdminWords w, Map<String, String> env) {
        String user = w.required("user");
        String table = w.required("table");
        PartitionSpec spec = spec(w.all("partition"));
        Access access = w.flag("write") ? Access.WRITE : Access.READ;
        return AdminSession.run(w, env, clock, err, session -> {
            if (!spec.values().isEmpty()) {
                Set<String> columns = PartitionColumns.of(session.config(), table, clock);
                for (String column : spec.values().keySet()) {
                    if (!columns.contains(column)) {
                        err.println("error: '" + column + "' is not a partition column of " + table
                                + " (its partition columns: " + (columns.isEmpty() ? "none" : columns) + ")");
                        return 2;
                    }
                }
            }
            long id = session.admin().addGrant(user, table, spec, access);
            out.println("grant " + id + ": " + user + (access == Access.WRITE ? " may write and read " : " may read ")
                    + table + " " + describe(spec));
            return 0;
        });
    }

    private static PartitionSpec spec(List<String> partitions) {
        var values = new LinkedHashMap<String, String>();
        for (String p : partitions) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new Arguments.UsageException("--partition takes COLUMN=VALUE, got '" + p + "'");
            }
            if (values.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw new Arguments.UsageException("--partition names column '" + p.substring(0, eq) + "' twice");
            }
        }
        return new PartitionSpec(values);
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("grants revoke takes a grant id (see grants list), got '" + text + "'");
        }
    }

    private void list(List<AccessAdmin.GrantRow> grants) {
        out.println(String.format("%6s  %-24s %-24s %-6s %s", "ID", "USER", "TABLE", "ACCESS", "PARTITION"));
        grants.forEach(g -> out.println(String.format("%6d  %-24s %-24s %-6s %s", g.id(), g.principal(), g.table(),
                g.access().word(), describe(g.partition()))));
    }

    private static String describe(PartitionSpec spec) {
        return spec.values().isEmpty() ? "{} (the whole table)" : spec.values().toString();
    }
}
