package proxy.http;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a listing continues: at the table (or rolled-up alias group) of {@code alias}, inside it with the store's
 * own token when one is present, else from its beginning.
 */
record ListCursor(String alias, Optional<String> storeToken) {
    ListCursor {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(storeToken, "storeToken");
    }
}
