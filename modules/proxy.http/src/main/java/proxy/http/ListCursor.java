package proxy.http;

import java.util.Objects;

/**
 * Where a listing continues: strictly after this full key. It is the last entry (key or common prefix) the
 * previous page showed, or, when that page stopped at the store-page budget inside a {@code _delta_log/}, the last
 * log object it read there (which is why cursors travel sealed, see {@link ContinuationTokens}).
 */
record ListCursor(String after) {
    ListCursor {
        Objects.requireNonNull(after, "after");
    }
}
