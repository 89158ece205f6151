package proxy.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.admin.AccessAdminProvider;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;

/**
 * What the {@code users}, {@code grants} and {@code secrets} commands share: the configuration named by
 * {@code --config} (as {@code serve} reads it) and the configured database opened for administration (created with
 * its schema when absent). Closes the database.
 *
 * @param config the configuration
 * @param admin  the open database
 */
record AdminSession(ProxyConfig config, AccessAdmin admin) implements AutoCloseable {

    /** What one administration command does once the session is open; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(AdminSession session);
    }

    /**
     * Opens the session, runs the action and maps refusals to exit code 2 and database failures to 1, each as one
     * {@code error:} line on {@code err}.
     */
    static int run(AdminWords words, Map<String, String> env, Clock clock, PrintStream err, Action action) {
        ProxyConfig config = ConfigFiles.load(words.configArguments(), env);
        if (!config.access().databaseEnabled()) {
            err.println("note: databaseEnabled is false, so serve does not read " + config.access().database().uri()
                    + " until it is set to true");
        }
        var context = new ProviderContext(config, clock, ProxyMetrics.NOOP);
        try (var session = new AdminSession(config,
                Providers.select(AccessAdminProvider.class, "sqlite", "database").create(context))) {
            return action.run(session);
        } catch (AccessAdmin.Refused e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
