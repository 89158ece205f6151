package proxy.api.metrics;

/** A {@link ProxyMetrics} with an exporter to stop. */
public interface MetricsSink extends ProxyMetrics, AutoCloseable {

    /** Stops the exporter. */
    @Override
    void close();
}
