package proxy.app;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import proxy.api.audit.AuditLog;
import proxy.api.config.GetMode;
import proxy.api.config.ProxyConfig;
import proxy.app.audit.JsonLinesAuditLog;
import proxy.http.S3Server;

/**
 * {@code serve}: builds the components, starts loading the table indexes, checks the config grants against the
 * partition columns of the tables they name (see {@link StartupChecks#grantColumns}), starts the S3 endpoint, and
 * runs until SIGTERM or SIGINT (see
 * {@link StopSignals}); then stops accepting at once, lets in-flight requests finish for up to
 * {@code shutdownGraceSeconds}, closes the connections still open, closes everything (the audit log too, after the
 * last request was recorded) and returns 0.
 */
final class ServeCommand {
    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param out standard output: the audit log's {@code stdout} destination
     * @param err standard error: the audit log's {@code stderr} destination
     */
    ServeCommand(Clock clock, PrintStream out, PrintStream err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    int run(Arguments arguments, Map<String, String> env) {
        ProxyConfig config = ConfigFiles.load(arguments, env);
        var components = new ProviderWiring(config, clock);
        S3Server server;
        try {
            AuditLog audit = components.own(JsonLinesAuditLog.open(config.audit(), out, err));
            server = new S3Server(config, components.tables(), components.authenticator(),
                    components.authorizer(), components.context().metrics(), clock, audit);
            components.warmUp(server::serving);
            StartupChecks.grantColumns(config, components);
            components.reportGrantColumns();
            start(server, config);
        } catch (RuntimeException e) {
            components.close();
            throw e;
        }
        Duration grace = Duration.ofSeconds(config.server().shutdownGraceSeconds());
        Runnable stop = StopSignals.once(() -> {
            LOG.log(Level.INFO, "stopping: finishing in-flight requests (up to {0}s)", grace.toSeconds());
            server.stop(grace);
            components.close();
        });
        var signals = new StopSignals().install();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            signals.request();
            stop.run();
        }));
        announce(config, server.scheme(), server.port());
        try {
            signals.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.run();
        LOG.log(Level.INFO, "stopped");
        return 0;
    }

    /** Starts the server; an address already in use is a configuration error naming {@code port}. */
    private static void start(S3Server server, ProxyConfig config) {
        try {
            server.start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException bind) {
                throw StartupChecks.portUnavailable(config, bind);
            }
            throw e;
        }
    }

    private static void announce(ProxyConfig config, String scheme, int port) {
        LOG.log(Level.INFO, "delta-s3-proxy {0} serving bucket ''{1}'' on {9}://{2}:{3} ({4} tables, getMode {5}{6}, "
                        + "auth {7}, readOnly {8})",
                Version.current(), config.server().bucket(), config.server().bindAddress(), String.valueOf(port),
                config.tables().mapping().size(), config.backend().getMode().configName(),
                config.backend().getMode() == GetMode.PRESIGNED_URL && config.backend().proxyPartial() ? " + proxyPartial" : "",
                config.access().auth().mode(), config.access().readOnly(), scheme);
    }
}
