package proxy.api.config;

import java.util.Objects;

/**
 * The SQLite permissions and credentials database.
 *
 * @param uri            {@code sqlite:<path>} (the specification's form) or a {@code jdbc:sqlite:} URL
 * @param refreshSeconds how often grants and credentials are re-read; changes take effect within this time
 */
public record DatabaseConfig(String uri, int refreshSeconds) {
    /** The specification's default file, re-read every 5 seconds. */
    public static final DatabaseConfig DEFAULT = new DatabaseConfig("sqlite:delta_proxy.db", 5);

    public DatabaseConfig {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("sqlite:") && !uri.startsWith("jdbc:sqlite:")) {
            throw new ConfigException("database.uri", "must start with 'sqlite:' or 'jdbc:sqlite:'");
        }
        if (refreshSeconds < 1 || refreshSeconds > 3600) {
            throw new ConfigException("database.refreshSeconds", "must be between 1 and 3600");
        }
    }

    /** The JDBC URL for this database. */
    public String jdbcUrl() {
        return uri.startsWith("jdbc:") ? uri : "jdbc:" + uri;
    }
}
