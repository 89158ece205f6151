/**
 * Prometheus metrics and the health endpoints ({@code /metrics}, {@code /healthz}, {@code /readyz}) on
 * {@code metricsPort}. Exports nothing; provides the {@code prometheus} metrics provider.
 */
module proxy.metrics {
    requires proxy.api;
    requires jdk.httpserver;
    requires proxy.tls;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;

    provides proxy.api.metrics.MetricsProvider with proxy.metrics.PrometheusMetricsProvider;
}
