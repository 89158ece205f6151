package proxy.api.config;

import java.util.Objects;

/**
 * A secret configuration value (a secret key). Its {@link #toString()} is masked so a secret never reaches a
 * log line or an error message by accident; call {@link #reveal()} only where the secret is used.
 */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** The secret itself; for signing and verification only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
