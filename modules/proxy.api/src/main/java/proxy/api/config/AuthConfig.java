package proxy.api.config;

import java.util.Objects;

/**
 * How clients are authenticated.
 *
 * @param mode   the authenticator provider's name: {@code sigv4} (default) or {@code none} (demos only)
 * @param region the region clients sign for; the credential scope of every signature must name it
 */
public record AuthConfig(String mode, String region) {
    /** Verified Signature V4 for region us-east-1. */
    public static final AuthConfig DEFAULT = new AuthConfig("sigv4", "us-east-1");

    public AuthConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(region, "region");
        if (mode.isBlank()) {
            throw new ConfigException("auth.mode", "must not be blank");
        }
        if (region.isBlank()) {
            throw new ConfigException("auth.region", "must not be blank");
        }
    }
}
