package proxy.api.config;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The permissions and credentials database: a SQLite file or a PostgreSQL database shared by several replicas.
 *
 * @param uri            {@code sqlite:<path>} (the specification's form) or a {@code jdbc:sqlite:} URL, whose
 *                       relative path the binder resolves against the config file's folder; or
 *                       {@code postgresql://host[:port]/db[?params]} or a {@code jdbc:postgresql:} URL, which must
 *                       name neither a user nor a password (they come from {@code user} and {@code password})
 * @param refreshSeconds how often grants and credentials are re-read; changes take effect within this time
 * @param secretsKey     the key that encrypts the secrets stored in the database: 32 bytes in base64
 *                       ({@code PROXY_SECRETS_KEY}, or the content of {@code database.secretsKeyFile}); empty when
 *                       none is configured
 * @param user           the PostgreSQL role ({@code database.user} or {@code PROXY_DATABASE_USER}); empty for SQLite
 *                       or to let the driver choose
 * @param password       the PostgreSQL password ({@code PROXY_DATABASE_PASSWORD} or the content of
 *                       {@code database.passwordFile}, never config.json); empty for none
 */
public record DatabaseConfig(String uri, int refreshSeconds, Optional<Secret> secretsKey, Optional<String> user,
                             Optional<Secret> password) {
    /** The specification's default file, re-read every 5 seconds, without a secrets key. */
    public static final DatabaseConfig DEFAULT = new DatabaseConfig("sqlite:delta_proxy.db", 5);
    /** The length of the secrets key in bytes (AES-256). */
    public static final int SECRETS_KEY_BYTES = 32;

    public DatabaseConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(secretsKey, "secretsKey");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (isPostgres(uri)) {
            PostgresUri.requireNoCredentials(uri);
        } else if (!uri.startsWith("sqlite:") && !uri.startsWith("jdbc:sqlite:")) {
            throw new ConfigException("database.uri", "must start with 'sqlite:', 'jdbc:sqlite:', 'postgresql://'"
                    + " or 'jdbc:postgresql:'");
        }
        if (!isPostgres(uri) && (user.isPresent() || password.isPresent())) {
            throw new ConfigException(user.isPresent() ? "database.user" : "database.password",
                    "is only used with a PostgreSQL database.uri");
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

    /** A database without a user or password (SQLite). */
    public DatabaseConfig(String uri, int refreshSeconds, Optional<Secret> secretsKey) {
        this(uri, refreshSeconds, secretsKey, Optional.empty(), Optional.empty());
    }

    /** This database with the given secrets key. */
    public DatabaseConfig withSecretsKey(Secret key) {
        return new DatabaseConfig(uri, refreshSeconds, Optional.of(key), user, password);
    }

    /** This database with the given PostgreSQL role and password. */
    public DatabaseConfig withLogin(Optional<String> role, Optional<Secret> secret) {
        return new DatabaseConfig(uri, refreshSeconds, secretsKey, role, secret);
    }

    /** Whether this is a PostgreSQL database (else SQLite). */
    public boolean postgres() {
        return isPostgres(uri);
    }

    /** The JDBC URL for this database (never holding a credential). */
    public String jdbcUrl() {
        if (uri.startsWith("jdbc:")) {
            return uri;
        }
        return postgres() ? "jdbc:postgresql:" + uri.substring(uri.indexOf(':') + 1) : "jdbc:" + uri;
    }

    private static boolean isPostgres(String uri) {
        return uri.startsWith("postgresql://") || uri.startsWith("postgres://") || uri.startsWith("jdbc:postgresql:");
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
