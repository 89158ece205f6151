package proxy.app;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.app.config.ConfigBinder;
import proxy.app.config.ConfigSource;

/**
 * Loads the configuration a command names: {@code --config FILE}, else ./config.json if present, then the
 * {@code PROXY_*} variables. A variable naming no configuration key is logged as a warning and ignored.
 */
final class ConfigFiles {
    private static final System.Logger LOG = System.getLogger(ConfigFiles.class.getName());

    private ConfigFiles() {
    }

    /** The configuration file a command names, absolute: {@code --config FILE}, else ./config.json. */
    static Path path(Arguments arguments) {
        return Path.of(arguments.option("config").orElse("config.json")).toAbsolutePath();
    }

    /**
     * @throws ConfigException for an invalid configuration, and naming the file when no {@code --config} was given,
     *                         ./config.json does not exist and the environment gives no {@code tableMapping}
     */
    static ProxyConfig load(Arguments arguments, Map<String, String> env) {
        boolean explicit = arguments.option("config").isPresent();
        Path file = path(arguments);
        ConfigSource.Tree tree = new ConfigSource().load(file, explicit, env);
        if (!tree.fileFound() && !tree.root().has("tableMapping")) {
            throw new ConfigException(file.toString(), "not found: no --config FILE was given and there is no"
                    + " config.json in the current folder (or set tables with PROXY_TABLE_MAPPING__<ALIAS>=<root>)");
        }
        return new ConfigBinder(file.getParent()).bind(tree, warning -> LOG.log(Level.WARNING, warning));
    }
}
