package proxy.api.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@code s3} store reaches the backend. Credentials come from the AWS default chain.
 *
 * @param endpoint  an S3-compatible endpoint; empty for AWS itself
 * @param region    the signing region of backend calls
 * @param pathStyle whether bucket names go in the path rather than the host name
 * @param readTimeoutSeconds how long a backend call may wait for the next bytes of an answer before it fails
 *                  (and is retried, then answered {@code ServiceUnavailable}); at least 1
 */
public record S3BackendConfig(Optional<URI> endpoint, String region, boolean pathStyle, int readTimeoutSeconds) {
    /** The read timeout when none is configured. */
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;

    /** AWS in us-east-1, virtual-hosted style. */
    public static final S3BackendConfig DEFAULT = new S3BackendConfig(Optional.empty(), "us-east-1", false);

    /** A backend with the default read timeout. */
    public S3BackendConfig(Optional<URI> endpoint, String region, boolean pathStyle) {
        this(endpoint, region, pathStyle, DEFAULT_READ_TIMEOUT_SECONDS);
    }

    public S3BackendConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        endpoint.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException("s3.endpoint", "must be an http or https URL");
            }
        });
        if (region.isBlank()) {
            throw new ConfigException("s3.region", "must not be blank");
        }
        if (readTimeoutSeconds < 1) {
            throw new ConfigException("s3.readTimeoutSeconds", "must be at least 1");
        }
    }
}
