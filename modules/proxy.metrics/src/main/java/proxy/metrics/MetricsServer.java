package proxy.metrics;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import proxy.api.config.TlsConfig;
import proxy.tls.HttpServers;
import proxy.tls.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP listener on {@code metricsPort}: {@code /metrics} through the Prometheus exporter's handler (it
 * negotiates the text, OpenMetrics and protobuf formats from {@code Accept}), plus {@code /healthz} and
 * {@code /readyz}. We run the JDK server ourselves rather than the exporter's {@code HTTPServer} so the health
 * endpoints sit on the same port with our own semantics. One virtual thread per exchange.
 */
final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Optional<ServerCertificate> certificate;

    /**
     * Binds and starts; serves HTTPS when {@code tls} is given.
     *
     * @throws UncheckedIOException naming the address when the port cannot be bound
     * @throws proxy.api.config.ConfigException when the TLS certificate does not load
     */
    MetricsServer(String bindAddress, int port, Optional<TlsConfig> tls, PrometheusRegistry registry,
                  HealthEndpoints health) {
        var address = new InetSocketAddress(bindAddress, port);
        this.certificate = tls.map(config -> ServerCertificate.open(config, "metrics endpoint"));
        try {
            this.server = HttpServers.create(address, 0, certificate);
        } catch (IOException e) {
            certificate.ifPresent(ServerCertificate::close);
            throw new UncheckedIOException("cannot bind the metrics endpoint to " + bindAddress + ":" + port, e);
        }
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", health::healthz);
        server.createContext("/readyz", health::readyz);
        server.createContext("/", health::notFound);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
    }

    /** The bound port. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once and ends the exchanges' threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        certificate.ifPresent(ServerCertificate::close);
    }
}
