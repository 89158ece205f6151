package proxy.api.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The metrics and health server ({@code /metrics}, {@code /healthz}, {@code /readyz}). Keys {@code metricsPort},
 * {@code metricsBindAddress}, {@code metricsTableLabel}.
 *
 * @param port     the metrics and health port; empty for none
 * @param exposure where it listens and whether its series name tables
 */
public record MetricsConfig(OptionalInt port, MetricsExposure exposure) {
    public MetricsConfig {
        Objects.requireNonNull(port, "metricsPort");
        Objects.requireNonNull(exposure, "metricsExposure");
        port.ifPresent(p -> ServerConfig.checkPort("metricsPort", p));
    }
}
