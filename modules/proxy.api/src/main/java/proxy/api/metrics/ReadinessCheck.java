package proxy.api.metrics;

import java.util.Map;

/**
 * What {@code /readyz} asks: the readiness of each component the proxy needs before it can serve, by a short,
 * fixed name such as {@code table:sales} or {@code policyStore}. The application registers one with
 * {@link MetricsSink#readiness(ReadinessCheck)} once it has wired its components.
 *
 * <p>Called on every {@code /readyz} request from the exporter's threads: it must be quick, thread-safe and
 * must not block on the backend (report the last known state). The proxy is ready when every value is true;
 * an empty map means ready. A check that throws counts as not ready.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** Component name to whether it is ready; names never contain secrets, keys or principal names. */
    Map<String, Boolean> components();
}
