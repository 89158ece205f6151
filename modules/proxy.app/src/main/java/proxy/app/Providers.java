package proxy.app;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.ServiceLoader;
import proxy.api.ProxyProvider;
import proxy.api.config.ConfigException;

/**
 * Finds service providers with {@link ServiceLoader} and selects one by the name configuration gives. Every
 * binding is logged; a missing or ambiguous name fails startup with one line naming the config key.
 */
final class Providers {
    private static final System.Logger LOG = System.getLogger(Providers.class.getName());

    private Providers() {
    }

    /**
     * The one provider of the type with the name.
     *
     * @param configKey the key that named it, for the error line (e.g. {@code auth.mode})
     */
    static <P extends ProxyProvider<?, ?>> P select(Class<P> type, String name, String configKey) {
        List<P> matches = ServiceLoader.load(type).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .toList();
        if (matches.isEmpty()) {
            throw new ConfigException(configKey, "no " + type.getSimpleName() + " named '" + name + "' (available: "
                    + String.join(", ", available(type)) + ")");
        }
        if (matches.size() > 1) {
            throw new ConfigException(configKey, "several " + type.getSimpleName() + "s are named '" + name + "': "
                    + matches.stream().map(p -> p.getClass().getName()).toList());
        }
        P provider = matches.getFirst();
        LOG.log(Level.INFO, "bound {0} ''{1}'' -> {2}", type.getSimpleName(), name, provider.getClass().getName());
        return provider;
    }

    /** The names of every provider of the type on the module path. */
    static <P extends ProxyProvider<?, ?>> List<String> available(Class<P> type) {
        return ServiceLoader.load(type).stream().map(p -> p.get().name()).sorted().toList();
    }
}
