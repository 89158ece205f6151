package proxy.metrics;

import proxy.api.ProviderContext;
import proxy.api.config.ConfigException;
import proxy.api.config.TlsConfig;
import proxy.api.metrics.MetricsProvider;
import proxy.api.metrics.MetricsSink;

/**
 * The {@code prometheus} metrics provider: a {@link PrometheusMetricsSink} on {@code metricsBindAddress:metricsPort}
 * (loopback by default, not the S3 endpoint's {@code bindAddress}), over HTTPS when {@code tls.metrics} is set, with
 * table labels unless {@code metricsTableLabel} is false.
 */
public final class PrometheusMetricsProvider implements MetricsProvider {

    @Override
    public String name() {
        return "prometheus";
    }

    /** @throws ConfigException when {@code metricsPort} is not set (the application then uses no sink) */
    @Override
    public MetricsSink create(ProviderContext context) {
        var config = context.config();
        int port = config.metrics().port().orElseThrow(
                () -> new ConfigException("metricsPort", "is required by the prometheus metrics provider"));
        var tls = config.server().tls().filter(TlsConfig::metrics);
        var exposure = config.metrics().exposure();
        return new PrometheusMetricsSink(exposure.bindAddress(), port, tls, context.clock(), exposure.tableLabel());
    }
}
