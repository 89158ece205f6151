package proxy.api.metrics;

import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;

/** Builds the metrics sink (and its exporter on {@code metricsPort}). */
public interface MetricsProvider extends ProxyProvider<ProviderContext, MetricsSink> {

    /**
     * The sink; its exporter starts now and stops on close.
     *
     * @param context its metrics field is {@link ProxyMetrics#NOOP}
     */
    @Override
    MetricsSink create(ProviderContext context);
}
