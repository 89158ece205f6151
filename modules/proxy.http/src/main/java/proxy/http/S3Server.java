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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import proxy.api.Table;
import proxy.api.audit.AuditLog;
import proxy.api.auth.Authenticator;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.policy.Authorizer;
import proxy.tls.HttpServers;
import proxy.tls.ServerCertificate;

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
    private final InFlightRequests inFlight = new InFlightRequests();
    private volatile boolean serving;
    private HttpServer server;
    private ConnectionGuard guard;
    private ExecutorService executor;
    private Optional<ServerCertificate> certificate = Optional.empty();

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
        Optional<WriteOperations> writes = config.access().readOnly() ? Optional.empty()
                : Optional.of(new WriteOperations(directory, config.access().writes(), config.server().bucket()));
        var operations = new OperationRouter(
                new BucketOperations(config.server().bucket(), config.access().auth().region(), clock.instant()),
                new ListingOperations(config.server().bucket(), directory,
                        ContinuationTokens.of(config.server().listingTokenKeys())),
                new ObjectOperations(directory, config,
                        writes.<ObjectOperations.OwnUploads>map(w -> w::uploadedBy).orElse((p, t, k) -> false)),
                writes);
        this.handler = new ExchangeHandler(new RequestParser(config.server().bucket()), authenticator, operations,
                new MetricsAuditRecorder(metrics, Objects.requireNonNull(audit, "audit"), clock));
    }

    /**
     * Binds {@code bindAddress:port} (port 0 picks a free one) and starts serving: the HTTP server (HTTPS when
     * {@code tls} is set) on a free loopback port, behind a {@link ConnectionGuard} on the public address that
     * enforces {@link ProxyConfig#connections()} and relays the bytes as they are (TLS ends at the HTTP server);
     * with {@code connections.guard} off, the HTTP server on the public address itself.
     *
     * @throws UncheckedIOException when the address cannot be bound
     * @throws proxy.api.config.ConfigException when the TLS certificate does not load
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("S3Server already started");
        }
        certificate = config.server().tls().map(tls -> ServerCertificate.open(tls, "S3 endpoint"));
        var publicAddress = new InetSocketAddress(config.server().bindAddress(), config.server().port());
        boolean guarded = config.server().connections().guard();
        try {
            server = HttpServers.create(guarded ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
                    : publicAddress, INTERNAL_BACKLOG, certificate);
        } catch (IOException e) {
            certificate.ifPresent(ServerCertificate::close);
            throw new UncheckedIOException(guarded ? "cannot bind a loopback port for the HTTP server"
                    : "cannot bind " + config.server().bindAddress() + ":" + config.server().port(), e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            inFlight.started();
            try {
                handler.handle(exchange);
            } finally {
                inFlight.ended();
            }
        });
        server.start();
        if (guarded) {
            startGuard(publicAddress);
        }
        serving = true;
        LOG.log(Level.INFO, "S3 endpoint listening on " + scheme() + "://" + config.server().bindAddress() + ":" + port()
                + ", bucket " + config.server().bucket() + (guarded ? "" : " (connections.guard off: no per-address limits)"));
    }

    private void startGuard(InetSocketAddress publicAddress) {
        guard = new ConnectionGuard(config.server().connections(), server.getAddress());
        try {
            guard.start(publicAddress);
        } catch (IOException e) {
            server.stop(0);
            executor.shutdownNow();
            certificate.ifPresent(ServerCertificate::close);
            server = null;
            executor = null;
            guard = null;
            throw new UncheckedIOException("cannot bind " + config.server().bindAddress() + ":" + config.server().port(), e);
        }
    }

    /**
     * Whether the endpoint accepts requests: true once {@link #start()} has bound the public port, false again as
     * soon as {@link #stop} begins (so {@code /readyz} turns a load balancer away before connections close).
     */
    public boolean serving() {
        return serving;
    }

    /** {@code https} when the endpoint serves TLS, else {@code http}. */
    public String scheme() {
        return config.server().tls().isPresent() ? "https" : "http";
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("S3Server not started");
        }
        return guard != null ? guard.port() : server.getAddress().getPort();
    }

    /** Whether a {@link ConnectionGuard} holds the public port (for tests). */
    synchronized boolean guarded() {
        return guard != null;
    }

    /** Client connections held by the guard now, silent and served (for tests). */
    synchronized int connections() {
        return guard == null ? 0 : guard.connections();
    }

    /**
     * Stops accepting connections at once and lets in-flight requests finish for up to {@code grace}, then closes
     * every connection. Returns as soon as no request is being handled: the JDK server's own wait (which
     * {@link HttpServer#stop} does) also counts connections still sending a request head and never counts an
     * exchange that ended abnormally (a response the client abandoned) as finished, so it alone would wait out
     * the whole grace with nothing in flight; the server's own count ({@link InFlightRequests}) decides instead.
     */
    public synchronized void stop(Duration grace) {
        serving = false;
        if (server == null || executor == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        if (guard != null) {
            guard.stopAccepting();
        }
        int seconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, grace.toSeconds()));
        HttpServer stopping = server;
        Thread closer = Thread.ofPlatform().name("s3-endpoint-stop").start(() -> stopping.stop(seconds));
        try {
            inFlight.awaitNone(deadline);
            closer.interrupt(); // ends the JDK server's wait: it closes the connections and returns
            closer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (guard != null) {
            guard.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
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
        certificate.ifPresent(ServerCertificate::close);
        LOG.log(Level.INFO, "S3 endpoint stopped");
    }

    /** {@code stop(Duration.ofSeconds(5))}. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
