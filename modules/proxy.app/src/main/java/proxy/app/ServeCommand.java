package proxy.app;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import proxy.api.audit.AuditLog;
import proxy.api.config.GetMode;
import proxy.api.config.ProxyConfig;
import proxy.app.audit.JsonLinesAuditLog;
import proxy.http.S3Server;

/**
 * {@code serve}: builds the components, starts the S3 endpoint, and runs until the JVM is asked to stop; then
 * stops accepting, lets in-flight requests finish up to the grace period, and closes everything (the audit log
 * too, after the last request was recorded).
 */
final class ServeCommand {
    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

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
        var components = new Components(config, clock);
        S3Server server;
        try {
            AuditLog audit = components.own(JsonLinesAuditLog.open(config.audit(), out, err));
            server = new S3Server(config, components.tables(), components.authenticator(),
                    components.authorizer(), components.context().metrics(), clock, audit);
            server.start();
        } catch (RuntimeException e) {
            components.close();
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            LOG.log(Level.INFO, "stopping: finishing in-flight requests (up to {0}s)", SHUTDOWN_GRACE.toSeconds());
            server.stop(SHUTDOWN_GRACE);
            components.close();
            stopped.countDown();
        }));
        components.warmUp();
        announce(config, server.port());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void announce(ProxyConfig config, int port) {
        LOG.log(Level.INFO, "delta-s3-proxy {0} serving bucket ''{1}'' on http://{2}:{3} ({4} tables, getMode {5}{6}, "
                        + "auth {7}, readOnly {8})",
                Version.current(), config.bucket(), config.bindAddress(), String.valueOf(port),
                config.tableMapping().size(), config.getMode().configName(),
                config.getMode() == GetMode.PRESIGNED_URL && config.proxyPartial() ? " + proxyPartial" : "",
                config.auth().mode(), config.readOnly());
    }
}
