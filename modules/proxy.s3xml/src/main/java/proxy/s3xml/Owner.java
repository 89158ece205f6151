package proxy.s3xml;

import java.util.Objects;

/**
 * The {@code Owner} element of bucket and object listings.
 *
 * @param id          the canonical user id
 * @param displayName the display name
 */
public record Owner(String id, String displayName) {
    public Owner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
