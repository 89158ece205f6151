package proxy.api.config;

import java.util.Objects;

/**
 * Who can see the metrics server and what it names. The metrics and health port tells table aliases, Delta
 * versions and per-table decision counts, so it listens on loopback unless told otherwise, separately from the
 * S3 endpoint's {@code bindAddress}.
 *
 * @param bindAddress the address {@code /metrics}, {@code /healthz} and {@code /readyz} listen on (key
 *                    {@code metricsBindAddress})
 * @param tableLabel  whether series carry a {@code table} label (key {@code metricsTableLabel}); when false, per-table
 *                    series are summed over every table and readiness names no table on the metrics port
 */
public record MetricsExposure(String bindAddress, boolean tableLabel) {
    /** Loopback, with table labels. */
    public static final MetricsExposure DEFAULT = new MetricsExposure("127.0.0.1", true);

    public MetricsExposure {
        Objects.requireNonNull(bindAddress, "metricsBindAddress");
        if (bindAddress.isBlank()) {
            throw new ConfigException("metricsBindAddress", "must be an address such as 127.0.0.1 or 0.0.0.0");
        }
    }
}
