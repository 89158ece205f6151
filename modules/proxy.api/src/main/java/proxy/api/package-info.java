/**
 * The service-provider interface of delta-s3-proxy: what every module implements or calls, and nothing else.
 *
 * <p>Each concern has a sub-package with its interfaces and a {@code *Provider} (a tiny factory that
 * {@code proxy.app} loads with {@link java.util.ServiceLoader} and selects by the name in config): storage
 * ({@link proxy.api.storage}), the Delta index ({@link proxy.api.delta}), authentication ({@link proxy.api.auth}),
 * authorization ({@link proxy.api.policy}), metrics ({@link proxy.api.metrics}) and the audit log
 * ({@link proxy.api.audit}); configuration records are in {@link proxy.api.config}.
 *
 * <p>This package holds what they share: {@link proxy.api.ProxyProvider} (the provider contract),
 * {@link proxy.api.ProviderContext} (what a provider may use), {@link proxy.api.Table} (one served table) and the
 * one error vocabulary, {@link proxy.api.S3ErrorCode} and {@link proxy.api.S3Exception}: every error a client can
 * see names an {@code S3ErrorCode}.
 */
package proxy.api;
