package proxy.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import proxy.api.config.TlsConfig;
import proxy.api.metrics.MetricsSink;
import proxy.api.metrics.ReadinessCheck;

/**
 * Records proxy events into its own {@link PrometheusRegistry} (never the library's static default) and serves
 * it, with the health endpoints, on one port. Event methods never throw: a failure is logged once, at
 * WARNING, and later ones are dropped silently so a metrics bug cannot break or flood request handling.
 */
public final class PrometheusMetricsSink implements MetricsSink {
    private static final System.Logger LOG = System.getLogger(PrometheusMetricsSink.class.getName());
    private static final String TABLE_COMPONENT = "table:";

    private final SpecMetrics spec;
    private final LabelledMetrics labelled;
    private final HealthEndpoints health;
    private final MetricsServer server;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    /** A sink with table labels; see {@link #PrometheusMetricsSink(String, int, Clock, boolean)}. */
    public PrometheusMetricsSink(String bindAddress, int port, Clock clock) {
        this(bindAddress, port, clock, true);
    }

    /**
     * Registers every metric and starts the listener.
     *
     * @param bindAddress the address to listen on
     * @param port        the port; 0 picks a free one, see {@link #port()}
     * @param clock       drives the 60-second windows
     * @param tableLabel  whether series and readiness name tables; when false every {@code table:<alias>} readiness
     *                    component is shown as {@code tables} and per-table series lose their {@code table} label
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public PrometheusMetricsSink(String bindAddress, int port, Clock clock, boolean tableLabel) {
        this(bindAddress, port, Optional.empty(), clock, tableLabel);
    }

    /**
     * As {@link #PrometheusMetricsSink(String, int, Clock, boolean)}, serving HTTPS when {@code tls} is given.
     *
     * @throws proxy.api.config.ConfigException when the TLS certificate does not load
     */
    public PrometheusMetricsSink(String bindAddress, int port, Optional<TlsConfig> tls, Clock clock,
                                 boolean tableLabel) {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(clock, "clock");
        var registry = new PrometheusRegistry();
        this.spec = new SpecMetrics(registry, clock);
        this.labelled = new LabelledMetrics(registry, tableLabel);
        this.health = new HealthEndpoints(tableLabel ? UnaryOperator.identity()
                : name -> name.startsWith(TABLE_COMPONENT) ? "tables" : name);
        ReadinessMetrics.register(registry, health);
        this.server = new MetricsServer(bindAddress, port, tls, registry, health);
    }

    @Override
    public OptionalInt port() {
        return OptionalInt.of(server.port());
    }

    @Override
    public void readiness(ReadinessCheck check) {
        health.readiness(check);
    }

    @Override
    public void requestStarted() {
        safely(labelled::requestStarted);
    }

    @Override
    public void requestCompleted(String operation, int status, long bytesSent, Duration duration,
                                 String principal, Outcome outcome) {
        safely(() -> {
            spec.requestCompleted(bytesSent, principal, outcome);
            labelled.requestCompleted(operation, status, bytesSent, orZero(duration), outcome);
        });
    }

    @Override
    public void getRouted(String routing) {
        safely(() -> labelled.getRouted(routing));
    }

    @Override
    public void backendCall(String operation, boolean success, Duration latency) {
        safely(() -> {
            spec.backendCall(orZero(latency));
            labelled.backendCall(operation, success, orZero(latency));
        });
    }

    @Override
    public void authorization(String table, boolean allowed) {
        safely(() -> labelled.authorization(table, allowed));
    }

    @Override
    public void authenticationFailure(String reason) {
        safely(() -> labelled.authenticationFailure(reason));
    }

    @Override
    public void write(String table, String kind, String outcome, long bytes) {
        safely(() -> labelled.write(table, kind, outcome, bytes));
    }

    @Override
    public void cacheAccess(String cache, boolean hit) {
        safely(() -> labelled.cacheAccess(cache, hit));
    }

    @Override
    public void filteredLogBuild(String kind, boolean success, Duration duration) {
        safely(() -> labelled.filteredLogBuild(kind, success, orZero(duration)));
    }

    @Override
    public void indexRefresh(String table, boolean success, Duration duration, long version) {
        safely(() -> labelled.indexRefresh(table, success, orZero(duration), version));
    }

    /** Stops the listener; events recorded afterwards are still accepted and simply never scraped. */
    @Override
    public void close() {
        server.close();
    }

    private void safely(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "recording a metric failed; further failures are not logged", e);
            }
        }
    }

    private static Duration orZero(Duration duration) {
        return duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }
}
