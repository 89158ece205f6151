package proxy.api.auth;

import java.util.Objects;

/**
 * An authenticated caller.
 *
 * @param name      the principal name grants refer to
 * @param accessKey the access key id it signed with ({@code anonymous} in auth mode none)
 */
public record Principal(String name, String accessKey) {
    /** The one principal of auth mode {@code none}. */
    public static final Principal ANONYMOUS = new Principal("anonymous", "anonymous");

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessKey, "accessKey");
    }
}
