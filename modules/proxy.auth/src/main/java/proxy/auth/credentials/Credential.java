package proxy.auth.credentials;

import java.util.Objects;
import proxy.api.config.Secret;

/**
 * One access key pair and the principal it authenticates.
 *
 * @param accessKey the public access key id
 * @param secret    the secret key; masked when printed
 * @param principal the principal name grants refer to ({@code users[].name} or the database's {@code user_id})
 * @param enabled   whether the key may be used; a disabled key is refused with AccessDenied
 */
public record Credential(String accessKey, Secret secret, String principal, boolean enabled) {
    public Credential {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(principal, "principal");
    }
}
