/**
 * Observability: the events the proxy reports ({@link proxy.api.metrics.ProxyMetrics}, every method a no-op by
 * default, labels bounded), the sink that exports them ({@link proxy.api.metrics.MetricsSink}) and what
 * {@code /readyz} asks ({@link proxy.api.metrics.ReadinessCheck}).
 */
package proxy.api.metrics;
