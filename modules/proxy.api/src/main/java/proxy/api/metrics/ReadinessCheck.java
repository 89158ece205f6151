package proxy.api.metrics;

import java.util.Map;

/**
 * What {@code /readyz} asks: the readiness of each component the proxy needs before it can serve, by a short,
 * fixed name such as {@code table:sales} or {@code policyStore}. The application registers one with
 * {@link MetricsSink#readiness(ReadinessCheck)} once it has wired its components.
 *
 * <p>Called on every {@code /readyz} request from the exporter's threads: it must be quick, thread-safe and
 * must not block on the backend (report the last known state). The proxy is ready when every value is true,
 * except for the components {@link #failed()} names; an empty map means ready. A check that throws counts as not
 * ready.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** Component name to whether it is ready; names never contain secrets, keys or principal names. */
    Map<String, Boolean> components();

    /**
     * The components (names of {@link #components()}, whose value is false) that tried and failed to get ready,
     * rather than still starting: a table whose Delta log cannot be indexed. They are reported as failed on
     * {@code /readyz} and in the metrics but do not hold the proxy's readiness back, so one broken table does not
     * take the others out of service; requests for it fail on their own ({@code 503}). None by default.
     */
    default java.util.Set<String> failed() {
        return java.util.Set.of();
    }

    /**
     * Notes for the operator that do not affect readiness, shown on {@code /readyz} under {@code warnings:} (one
     * line each) and never in the metrics: for example a grant that names a column which is not a partition column
     * of its table, so it matches no file. Unlike component names, a note may name a table, a principal and a
     * column; it never holds a partition value, a file name, a key or a secret. None by default.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }
}
