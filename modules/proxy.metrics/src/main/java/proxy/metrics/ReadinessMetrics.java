package proxy.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code s3proxy_component_ready} and {@code s3proxy_component_failed}, by {@code component} (the names
 * {@code /readyz} shows: {@code table:<alias>}, {@code policyStore}, ...): 1 or 0, read from the registered
 * readiness check at each scrape. A table whose log cannot be indexed reads {@code ready 0, failed 1}; one still
 * loading reads {@code 0, 0}.
 */
final class ReadinessMetrics {
    private ReadinessMetrics() {
    }

    static void register(PrometheusRegistry registry, HealthEndpoints health) {
        GaugeWithCallback.builder().name("s3proxy_component_ready")
                .help("Whether a component the proxy needs is ready (1) or not (0)")
                .labelNames("component")
                .callback(callback -> {
                    var report = health.report();
                    report.ready().forEach(name -> callback.call(1, name));
                    report.starting().forEach(name -> callback.call(0, name));
                    report.failed().forEach(name -> callback.call(0, name));
                })
                .register(registry);
        GaugeWithCallback.builder().name("s3proxy_component_failed")
                .help("Whether a component failed to get ready (1: it answers 503 while the others serve) or not (0)")
                .labelNames("component")
                .callback(callback -> {
                    var report = health.report();
                    report.ready().forEach(name -> callback.call(0, name));
                    report.starting().forEach(name -> callback.call(0, name));
                    report.failed().forEach(name -> callback.call(1, name));
                })
                .register(registry);
    }
}
