package proxy.api.metrics;

import java.util.OptionalInt;

/** A {@link ProxyMetrics} with an exporter to stop. */
public interface MetricsSink extends ProxyMetrics, AutoCloseable {

    /**
     * Sets what the exporter's readiness endpoint reports; replaces any earlier check. Until a check is set, a
     * sink that serves readiness answers "not ready" (the application is still wiring). The default ignores it.
     */
    default void readiness(ReadinessCheck check) {
    }

    /** The port the exporter is bound to (the real one when {@code metricsPort} was 0), or empty if none. */
    default OptionalInt port() {
        return OptionalInt.empty();
    }

    /** Stops the exporter. */
    @Override
    void close();
}
