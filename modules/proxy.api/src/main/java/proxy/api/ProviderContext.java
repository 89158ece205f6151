package proxy.api;

import java.time.Clock;
import java.util.Objects;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;

/**
 * What a provider may use to build its component: the configuration, the clock (tests inject one) and the
 * metrics sink.
 */
public record ProviderContext(ProxyConfig config, Clock clock, ProxyMetrics metrics) {
    public ProviderContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
    }
}
