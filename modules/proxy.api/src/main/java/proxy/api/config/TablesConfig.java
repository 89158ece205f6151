package proxy.api.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tables and how their Delta logs are read and served. Keys {@code tableMapping},
 * {@code metadataRefreshSeconds}, {@code deltaLog}, {@code filteredLogCacheBytes}.
 *
 * @param mapping                table alias to table root ({@code s3://bucket/prefix} or {@code file:/path}), in
 *                               alias order
 * @param metadataRefreshSeconds how often each table's Delta log is polled for new commits
 * @param deltaLog               how {@code _delta_log} objects are served
 * @param filteredLogCacheBytes  the bound, in bytes, of the cache of filtered {@code _delta_log} objects; at least
 *                               1 MiB
 */
public record TablesConfig(Map<String, URI> mapping, int metadataRefreshSeconds, DeltaLogMode deltaLog,
                           long filteredLogCacheBytes) {
    /** The default of {@code filteredLogCacheBytes}: 256 MiB. */
    public static final long DEFAULT_FILTERED_LOG_CACHE_BYTES = 256L << 20;

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public TablesConfig {
        mapping = validMapping(mapping);
        Objects.requireNonNull(deltaLog, "deltaLog");
        if (metadataRefreshSeconds < 1 || metadataRefreshSeconds > 86_400) {
            throw new ConfigException("metadataRefreshSeconds", "must be between 1 and 86400");
        }
        if (filteredLogCacheBytes < (1L << 20)) {
            throw new ConfigException("filteredLogCacheBytes", "must be at least 1048576 (1 MiB)");
        }
    }

    private static Map<String, URI> validMapping(Map<String, URI> mapping) {
        Objects.requireNonNull(mapping, "tableMapping");
        if (mapping.isEmpty()) {
            throw new ConfigException("tableMapping", "is required and must name at least one table");
        }
        var sorted = new LinkedHashMap<String, URI>();
        mapping.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String key = "tableMapping." + e.getKey();
            if (!ALIAS.matcher(e.getKey()).matches() || e.getKey().equals("..")) {
                throw new ConfigException(key, "an alias is 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'");
            }
            URI uri = Objects.requireNonNull(e.getValue(), key);
            if (uri.getScheme() == null || !uri.isAbsolute() || uri.isOpaque()) {
                throw new ConfigException(key, "must be an absolute URI such as s3://bucket/prefix or file:/path");
            }
            sorted.put(e.getKey(), uri);
        });
        return Collections.unmodifiableMap(sorted);
    }
}
