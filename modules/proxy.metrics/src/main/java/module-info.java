/** Prometheus metrics and the health endpoints on {@code metricsPort}. */
module proxy.metrics {
    requires proxy.api;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.exporter.httpserver;

    provides proxy.api.metrics.MetricsProvider with proxy.metrics.PrometheusMetricsProvider;
}
