package proxy.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import proxy.api.Table;
import proxy.api.audit.AuditLog;
import proxy.api.auth.Authenticator;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.policy.Authorizer;

/**
 * The S3 endpoint: one {@link HttpServer} context {@code /} on virtual threads, serving the configured bucket
 * (path-style and virtual-hosted) over the given tables. Every request is parsed once, authenticated, authorized
 * before any backend call, answered, and recorded (metrics and one audit event). Not restartable: {@link #start()} once, {@link #stop} once.
 */
public final class S3Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(S3Server.class.getName());
    /** Relayed connections wait here while the JDK dispatcher accepts: a burst must not be refused. */
    private static final int INTERNAL_BACKLOG = 1024;

    private final ProxyConfig config;
    private final ExchangeHandler handler;
    private HttpServer server;
    private ConnectionGuard guard;
    private ExecutorService executor;

    /**
     * @param tables alias to table, in alias order
     * @param clock  for request timing and the bucket's CreationDate (the construction time)
     * @param audit  receives one event per request; owned by the caller, who closes it after {@link #stop}
     */
    public S3Server(ProxyConfig config, Map<String, Table> tables, Authenticator authenticator,
                    Authorizer authorizer, ProxyMetrics metrics, Clock clock, AuditLog audit) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metrics, "metrics");
        var directory = new TableDirectory(new LinkedHashMap<>(Objects.requireNonNull(tables, "tables")),
                Objects.requireNonNull(authorizer, "authorizer"));
        var operations = new Operations(
                new BucketOperations(config.bucket(), config.auth().region(), clock.instant()),
                new ListingOperations(config.bucket(), directory, new ContinuationTokens()),
                new ObjectOperations(directory, config),
                config.readOnly());
        this.handler = new ExchangeHandler(new RequestParser(config.bucket()), authenticator, operations,
                new Recorder(metrics, Objects.requireNonNull(audit, "audit"), clock));
    }

    /**
     * Binds {@code bindAddress:port} (port 0 picks a free one) and starts serving: the HTTP server on a free
     * loopback port, behind a {@link ConnectionGuard} on the public address that enforces
     * {@link ProxyConfig#connections()}.
     *
     * @throws UncheckedIOException when the address cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("S3Server already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), INTERNAL_BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for the HTTP server", e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        guard = new ConnectionGuard(config.connections(), server.getAddress());
        try {
            guard.start(new InetSocketAddress(config.bindAddress(), config.port()));
        } catch (IOException e) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
            guard = null;
            throw new UncheckedIOException("cannot bind " + config.bindAddress() + ":" + config.port(), e);
        }
        LOG.log(Level.INFO, "S3 endpoint listening on " + config.bindAddress() + ":" + port() + ", bucket "
                + config.bucket());
    }

    /** The bound port. */
    public synchronized int port() {
        if (guard == null) {
            throw new IllegalStateException("S3Server not started");
        }
        return guard.port();
    }

    /** Client connections held now, silent and served (for tests). */
    synchronized int connections() {
        return guard == null ? 0 : guard.connections();
    }

    /**
     * Stops accepting connections and lets in-flight exchanges finish for up to {@code grace} (whole seconds for
     * the HTTP layer). An exchange whose body was aborted is never counted as finished by the JDK server, so after
     * such an abort a stop waits out the grace.
     */
    public synchronized void stop(Duration grace) {
        if (server == null || executor == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        guard.stopAccepting();
        server.stop((int) Math.max(0, Math.min(Integer.MAX_VALUE, grace.toSeconds())));
        guard.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
        LOG.log(Level.INFO, "S3 endpoint stopped");
    }

    /** {@code stop(Duration.ofSeconds(5))}. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
