package proxy.api;

/**
 * The one shape of every service provider: a name that config selects it by, and {@link #create} taking one context
 * record that carries everything the component needs. Providers are tiny factories with a no-argument constructor;
 * {@code proxy.app} loads them with {@link java.util.ServiceLoader}, picks the one whose name config names, and fails
 * startup when none or several match.
 *
 * @param <C> the context the provider builds from: {@link ProviderContext}, or a record carrying it and what one
 *            component needs besides (a table's alias and root, a table's store, a policy store)
 * @param <T> the component it builds
 */
public interface ProxyProvider<C, T> {

    /** The name config selects this provider by, e.g. {@code s3}, {@code sigv4}, {@code prometheus}. */
    String name();

    /**
     * Builds the component; the caller owns (and closes, when it is closeable) the result.
     *
     * @throws proxy.api.config.ConfigException when the configuration the context carries cannot be served, naming
     *                                          its key
     */
    T create(C context);
}
