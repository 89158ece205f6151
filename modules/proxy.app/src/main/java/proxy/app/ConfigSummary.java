package proxy.app;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.UserConfig;

/**
 * The human-readable account of a valid configuration that {@code check-config} prints: what the proxy will serve,
 * to whom and how, one aligned line per setting. Secret keys are never printed (access keys are, they are not
 * secret).
 */
final class ConfigSummary {
    private final PrintStream out;

    ConfigSummary(PrintStream out) {
        this.out = out;
    }

    /**
     * @param source       where the configuration came from (file, variables)
     * @param tableReports alias to what reading the table's log found
     */
    void print(ProxyConfig config, String source, Map<String, String> tableReports) {
        out.println("configuration " + source);
        String scheme = config.server().tls().isPresent() ? "https://" : "http://";
        boolean metricsTls = config.server().tls().map(tls -> tls.metrics()).orElse(false);
        line("S3 endpoint", scheme + config.server().bindAddress() + ":" + config.server().port() + ", bucket '" + config.server().bucket()
                + "', " + (config.access().readOnly() ? "read-only"
                : "writes by write grants (commits up to " + config.access().writes().maxCommitBytes() + " bytes)"));
        line("metrics", config.metrics().port().isPresent() ? (metricsTls ? "https://" : "http://")
                + config.metrics().exposure().bindAddress() + ":"
                + config.metrics().port().getAsInt() + "/metrics, /healthz, /readyz" : "off");
        line("auth", config.access().auth().mode().equals("none") ? "none: every request is 'anonymous' (demos only)"
                : config.access().auth().mode() + " (clients sign for region " + config.access().auth().region() + ")");
        line("data file GETs", getMode(config));
        if (config.tables().mapping().values().stream().anyMatch(root -> "s3".equals(root.getScheme()))) {
            var s3 = config.backend().s3();
            line("S3 backend", s3.endpoint().map(URI::toString).orElse("AWS") + ", region " + s3.region()
                    + (s3.pathStyle() ? ", path-style" : "") + ", read timeout " + s3.readTimeoutSeconds() + " s");
        }
        line("tables", "");
        tableReports.forEach((alias, report) -> line("  " + alias, config.tables().mapping().get(alias) + "  " + report));
        grants(config);
        line("users", config.access().users().isEmpty() ? "none in config" : config.access().users().stream()
                .map(u -> u.name() + " (access key " + u.accessKey() + ", secret key ********)")
                .collect(Collectors.joining(", ")));
        line("database", config.access().database().uri() + (config.access().databaseEnabled()
                ? ": grants and credentials read every " + config.access().database().refreshSeconds() + " s"
                : " (not read: databaseEnabled is false)"));
        line("Delta log", config.tables().deltaLog().configName()
                + (config.tables().deltaLog() == proxy.api.config.DeltaLogMode.FILTERED
                ? " (cache of filtered objects: " + config.tables().filteredLogCacheBytes() + " bytes)" : "")
                + "; checked for new commits every " + config.tables().metadataRefreshSeconds() + " s");
        line("audit log", config.audit().destination());
        line("stopping", "in-flight requests get up to " + config.server().shutdownGraceSeconds() + " s");
        out.println("configuration is valid");
    }

    private static String getMode(ProxyConfig config) {
        String ranged = config.backend().proxyPartial() ? "; ranged GETs streamed (proxyPartial)" : "";
        String ttl = "; presigned URLs valid " + config.backend().presignTtlSeconds() + " s";
        return switch (config.backend().getMode()) {
            case AUTO -> "auto: 307 to a presigned URL for clients known to follow it (rclone, polars, delta-rs,"
                    + " pyarrow) or that opt in, streamed for the others" + ranged + ttl;
            case PRESIGNED_URL -> "presignedUrl: 307 to a presigned URL" + ranged + ttl;
            case PROXY -> "proxy: streamed by the proxy";
        } + (config.backend().getMode() == GetMode.PROXY ? "" : "; _delta_log always streamed");
    }

    private void grants(ProxyConfig config) {
        if (config.access().allowedPartitions().isEmpty() && config.access().users().stream().allMatch(u -> u.grants().isEmpty())) {
            line("grants", "none in config");
            return;
        }
        line("grants", "");
        if (!config.access().allowedPartitions().isEmpty()) {
            line("  every principal", describe(config.access().allowedPartitions()));
        }
        for (UserConfig user : config.access().users()) {
            if (!user.grants().isEmpty()) {
                line("  user " + user.name(), describe(user.grants()));
            }
        }
    }

    private static String describe(Map<String, List<PartitionSpec>> grants) {
        return grants.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                        .map(spec -> spec.values().isEmpty() ? "(whole table)" : spec.values().toString())
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private void line(String label, String value) {
        out.println(value.isEmpty() ? "  " + label : String.format("  %-18s %s", label, value));
    }
}
