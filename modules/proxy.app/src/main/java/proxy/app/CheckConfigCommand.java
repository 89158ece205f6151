package proxy.app;

import java.io.PrintStream;
import java.util.Map;
import proxy.api.config.ProxyConfig;

/** {@code check-config}: validates the configuration and prints it with secrets masked. */
final class CheckConfigCommand {
    private final PrintStream out;

    CheckConfigCommand(PrintStream out) {
        this.out = out;
    }

    int run(Arguments arguments, Map<String, String> env) {
        ProxyConfig config = ConfigFiles.load(arguments, env);
        out.println("configuration is valid:");
        out.println("  bucket " + config.bucket() + " on " + config.bindAddress() + ":" + config.port()
                + ", metrics " + (config.metricsPort().isPresent() ? config.metricsExposure().bindAddress() + ":"
                + config.metricsPort().getAsInt() : "off"));
        out.println("  auth " + config.auth() + ", getMode " + config.getMode().configName()
                + ", proxyPartial " + config.proxyPartial() + ", readOnly " + config.readOnly());
        config.tableMapping().forEach((alias, root) -> out.println("  table " + alias + " -> " + root));
        config.allowedPartitions().forEach((alias, specs) ->
                out.println("  allowedPartitions " + alias + " " + specs.stream().map(s -> s.values()).toList()));
        config.users().forEach(user -> out.println("  user " + user.name() + " accessKey " + user.accessKey()
                + " secretKey " + user.secretKey() + " grants " + user.grants().keySet()));
        out.println("  database " + config.database().uri() + (config.databaseEnabled() ? " (enabled)" : " (disabled)"));
        out.println("  audit " + config.audit().destination());
        return 0;
    }
}
