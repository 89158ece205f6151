/**
 * The {@code prometheus} metrics provider: the specification's five metrics ({@link proxy.metrics.SpecMetrics}),
 * the labelled {@code s3proxy_*} series ({@link proxy.metrics.LabelledMetrics}), and the metrics port with
 * {@code /metrics}, {@code /healthz} and {@code /readyz} ({@link proxy.metrics.MetricsServer},
 * {@link proxy.metrics.HealthEndpoints}). Labels are bounded; keys and principal names are never exported.
 */
package proxy.metrics;
