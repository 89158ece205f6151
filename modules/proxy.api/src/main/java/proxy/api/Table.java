package proxy.api;

import java.util.Objects;
import proxy.api.delta.TableIndex;
import proxy.api.storage.ObjectStore;

/**
 * One served table: its alias (the first path segment under the bucket), its store and its Delta index.
 */
public record Table(String alias, ObjectStore store, TableIndex index) {
    public Table {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(index, "index");
    }
}
