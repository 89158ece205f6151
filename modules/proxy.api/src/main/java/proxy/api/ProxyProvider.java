package proxy.api;

/**
 * What every service provider has in common: a name that config selects it by. Providers are tiny factories
 * with a no-argument constructor; {@code proxy.app} loads them with {@link java.util.ServiceLoader}, picks the
 * one whose name config names, and fails startup when none or several match.
 */
public interface ProxyProvider {

    /** The name config selects this provider by, e.g. {@code s3}, {@code sigv4}, {@code prometheus}. */
    String name();
}
