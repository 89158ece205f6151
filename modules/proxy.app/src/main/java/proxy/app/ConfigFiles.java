package proxy.app;

import java.nio.file.Path;
import java.util.Map;
import proxy.api.config.ProxyConfig;
import proxy.app.config.ConfigBinder;
import proxy.app.config.ConfigSource;

/** Loads the configuration a command names: {@code --config FILE}, else ./config.json if present. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static ProxyConfig load(Arguments arguments, Map<String, String> env) {
        boolean explicit = arguments.option("config").isPresent();
        Path file = Path.of(arguments.option("config").orElse("config.json")).toAbsolutePath();
        var tree = new ConfigSource().read(file, explicit, env);
        return new ConfigBinder(file.getParent()).bind(tree);
    }
}
