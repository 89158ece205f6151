package proxy.http;

import java.util.Objects;

/**
 * A validated object key split at its first segment: the table alias and the key relative to the table root.
 * The relative key is empty for {@code /bucket/alias} and ends with {@code /} for a "directory" key; neither
 * names an object a table serves.
 *
 * @param alias    the first segment of the key
 * @param relative the rest after {@code alias/}
 */
record ObjectKey(String alias, String relative) {
    ObjectKey {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(relative, "relative");
    }

    /** Whether the key can name a file of a table (not the alias itself, not a "directory"). */
    boolean namesFile() {
        return !relative.isEmpty() && !relative.endsWith("/");
    }

    /** The full key as the client wrote it. */
    String full() {
        return alias + "/" + relative;
    }
}
