package proxy.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import proxy.api.Table;
import proxy.api.config.ProxyConfig;
import proxy.app.audit.JsonLinesAuditLog;
import proxy.app.config.ConfigSource;

/**
 * {@code check-config}: validates the configuration as {@code serve} does before it serves — table roots, database,
 * audit destination, both ports bindable, grants naming only partition columns — and exits 0 or 2 as serve would;
 * prints a readable summary with secrets masked. Unlike serve it reads every table's Delta log to the end and reports
 * each one; a table whose log cannot be read now is reported, not an error (serve starts and retries it).
 */
final class CheckConfigCommand {
    private final PrintStream out;
    private final Clock clock;

    CheckConfigCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    int run(Arguments arguments, Map<String, String> env) {
        ProxyConfig config = ConfigFiles.load(arguments, env);
        try (var components = new ProviderWiring(config, clock)) {
            StartupChecks.portAvailable(config);
            var discard = new PrintStream(OutputStream.nullOutputStream());
            components.own(JsonLinesAuditLog.open(config.audit(), discard, discard));
            var loaded = new LinkedHashMap<String, Table>();
            var reports = new LinkedHashMap<String, String>();
            components.tables().forEach((alias, table) -> reports.put(alias, load(table, loaded)));
            GrantColumns.check(config, StartupChecks.columns(loaded));
            new ConfigSummary(out).print(config, source(arguments, env), reports);
        }
        return 0;
    }

    /** Reads the table's log; what it found, or why it could not be read. */
    private static String load(Table table, Map<String, Table> loaded) {
        try {
            table.index().refresh();
        } catch (RuntimeException e) {
            return "log not readable now (" + e.getMessage() + "); serve would start and retry it";
        }
        loaded.put(table.alias(), table);
        var counts = table.index().dataFileCounts();
        long files = counts.values().stream().mapToLong(Long::longValue).sum();
        String columns = GrantColumns.of(table.index())
                .map(c -> c.isEmpty() ? "not partitioned" : "partition columns: " + String.join(", ", c))
                .orElse("no data files");
        return "version " + table.index().version() + ", " + files + " data files, " + columns;
    }

    private static String source(Arguments arguments, Map<String, String> env) {
        String file = ConfigFiles.path(arguments).toString();
        String variables = env.keySet().stream().filter(name -> name.startsWith(ConfigSource.ENV_PREFIX))
                .sorted().collect(Collectors.joining(", "));
        return file + (variables.isEmpty() ? "" : " and the environment (" + variables + ")");
    }
}
