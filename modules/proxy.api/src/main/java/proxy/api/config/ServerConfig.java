package proxy.api.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The S3 endpoint: where it listens, the one virtual bucket it shows, HTTPS, what one client address may hold, and
 * how a stop ends. Keys {@code bindAddress}, {@code port}, {@code bucket}, {@code tls}, {@code maxConnectionsPerAddress}
 * and friends, {@code shutdownGraceSeconds}.
 *
 * @param bindAddress          the address the S3 endpoint listens on
 * @param port                 the S3 endpoint's port; 0 picks a free one
 * @param bucket               the one virtual bucket's name
 * @param tls                  HTTPS for the S3 endpoint (and optionally the metrics server); empty for plain HTTP
 * @param connections          what one client address can hold of the S3 endpoint's connections
 * @param shutdownGraceSeconds how long a stop (SIGTERM) lets in-flight requests finish before their connections are
 *                             closed; 0 closes them at once
 * @param listingTokenKeys     the keys listing continuation tokens are sealed with, so that every replica opens every
 *                             other's tokens: the first seals, all open (see {@link ListingTokenKeys}); empty for a
 *                             random key per process
 */
public record ServerConfig(String bindAddress, int port, String bucket, Optional<TlsConfig> tls,
                           ConnectionLimits connections, int shutdownGraceSeconds, List<Secret> listingTokenKeys) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connections, "connections");
        listingTokenKeys = ListingTokenKeys.valid(listingTokenKeys);
        checkPort("port", port);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new ConfigException("bucket", "is not a valid S3 bucket name");
        }
        if (shutdownGraceSeconds < 0 || shutdownGraceSeconds > 3_600) {
            throw new ConfigException("shutdownGraceSeconds", "must be between 0 and 3600");
        }
    }

    static void checkPort(String key, int port) {
        if (port < 0 || port > 65_535) {
            throw new ConfigException(key, "must be between 0 and 65535");
        }
    }
}
