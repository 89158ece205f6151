package proxy.api.config;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQLite permissions and credentials database.
 *
 * @param uri            {@code sqlite:<path>} (the specification's form) or a {@code jdbc:sqlite:} URL; a relative
 *                       path is resolved against the config file's folder by the binder
 * @param refreshSeconds how often grants and credentials are re-read; changes take effect within this time
 * @param secretsKey     the key that encrypts the secrets stored in the database: 32 bytes in base64
 *                       ({@code PROXY_SECRETS_KEY}, or the content of {@code database.secretsKeyFile}); empty when
 *                       none is configured
 */
public record DatabaseConfig(String uri, int refreshSeconds, Optional<Secret> secretsKey) {
    /** The specification's default file, re-read every 5 seconds, without a secrets key. */
    public static final DatabaseConfig DEFAULT = new DatabaseConfig("sqlite:delta_proxy.db", 5);
    /** The length of the secrets key in bytes (AES-256). */
    public static final int SECRETS_KEY_BYTES = 32;

    public DatabaseConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(secretsKey, "secretsKey");
        if (!uri.startsWith("sqlite:") && !uri.startsWith("jdbc:sqlite:")) {
            throw new ConfigException("database.uri", "must start with 'sqlite:' or 'jdbc:sqlite:'");
        }
        if (refreshSeconds < 1 || refreshSeconds > 3600) {
            throw new ConfigException("database.refreshSeconds", "must be between 1 and 3600");
        }
        secretsKey.ifPresent(key -> decodeKey(key, "database.secretsKey"));
    }

    /** A database without a secrets key. */
    public DatabaseConfig(String uri, int refreshSeconds) {
        this(uri, refreshSeconds, Optional.empty());
    }

    /** This database with the given secrets key. */
    public DatabaseConfig withSecretsKey(Secret key) {
        return new DatabaseConfig(uri, refreshSeconds, Optional.of(key));
    }

    /** The JDBC URL for this database. */
    public String jdbcUrl() {
        return uri.startsWith("jdbc:") ? uri : "jdbc:" + uri;
    }

    /**
     * The raw bytes of a secrets key given in base64.
     *
     * @param key the configuration key (or file) it came from, for the error message; the value is never shown
     * @throws ConfigException when it is not base64 of exactly {@value #SECRETS_KEY_BYTES} bytes
     */
    public static byte[] decodeKey(Secret secret, String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.reveal().strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be " + SECRETS_KEY_BYTES + " random bytes in base64"
                    + " (e.g. head -c 32 /dev/urandom | base64); it is not base64");
        }
        if (bytes.length != SECRETS_KEY_BYTES) {
            throw new ConfigException(key, "must be " + SECRETS_KEY_BYTES + " random bytes in base64"
                    + " (e.g. head -c 32 /dev/urandom | base64); it decodes to " + bytes.length + " bytes");
        }
        return bytes;
    }
}
