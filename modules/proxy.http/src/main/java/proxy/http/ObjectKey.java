package proxy.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ObjectKeys;

/**
 * The one key type: a decoded object key split at its first segment into the table alias and the key relative to
 * the table root, valid by construction under the proxy's one set of key rules ({@link ObjectKeys}), which listing
 * prefixes and markers share. A single trailing {@code /} is allowed (a "directory" key such as
 * {@code alias/dir/}, which never names a served file). A key the rules refuse answers {@code 400 InvalidURI}; a
 * key longer than 1024 UTF-8 bytes answers {@code 400 KeyTooLongError}.
 *
 * @param alias    the first segment of the key
 * @param relative the rest after {@code alias/}; empty for {@code /bucket/alias}
 */
record ObjectKey(String alias, String relative) {
    /** The longest key S3 accepts, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    ObjectKey {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(relative, "relative");
        String full = relative.isEmpty() ? alias : alias + "/" + relative;
        if (full.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
        }
        boolean directory = full.endsWith("/");
        if (!ObjectKeys.validKey(directory ? full.substring(0, full.length() - 1) : full)) {
            throw new S3Exception(S3ErrorCode.INVALID_URI,
                    "Couldn't parse the specified URI: the key contains a control character, a backslash or an"
                            + " empty, '.' or '..' segment.");
        }
    }

    /**
     * The key of a decoded bucket-relative path ({@code alias} or {@code alias/relative}).
     *
     * @throws S3Exception InvalidURI or KeyTooLongError
     */
    static ObjectKey of(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? new ObjectKey(key, "") : new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** Whether the key can name a file of a table (not the alias itself, not a "directory"). */
    boolean namesFile() {
        return !relative.isEmpty() && !relative.endsWith("/");
    }

    /** The full key (alias, slash, relative key), decoded; what the client signed, in decoded form. */
    String full() {
        return alias + "/" + relative;
    }
}
