package proxy.storage.s3;

import java.net.URI;
import java.util.Objects;
import proxy.api.config.ConfigException;
import proxy.api.storage.ObjectKeys;

/**
 * Where a table lives in the backend: {@code s3://bucket/prefix} becomes a bucket and a key prefix that is
 * empty or ends with {@code /}. Relative keys map to backend keys by prepending the prefix.
 *
 * @param bucket the backend bucket
 * @param prefix the key prefix of the table root, "" or ending with {@code /}
 */
record S3Location(String bucket, String prefix) {

    S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * @throws ConfigException naming {@code tableMapping.<alias>} when the URI is not {@code s3://bucket[/prefix]}
     */
    static S3Location parse(String alias, URI root) {
        String key = "tableMapping." + alias;
        if (!"s3".equalsIgnoreCase(root.getScheme()) || root.isOpaque() || root.getRawAuthority() == null
                || root.getUserInfo() != null || root.getPort() != -1 || root.getQuery() != null
                || root.getFragment() != null) {
            throw new ConfigException(key, "an s3 table root must look like s3://bucket/prefix");
        }
        String bucket = root.getAuthority();
        if (bucket.isBlank() || bucket.contains("/")) {
            throw new ConfigException(key, "names no bucket");
        }
        String path = root.getPath() == null ? "" : root.getPath();
        String prefix = path.startsWith("/") ? path.substring(1) : path;
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        if (!ObjectKeys.validPrefix(prefix)) {
            throw new ConfigException(key, "the prefix must not have empty or dot segments or control characters");
        }
        return new S3Location(bucket, prefix);
    }

    /** The backend key of a key relative to the table root. */
    String key(String relative) {
        return prefix + relative;
    }

    /** The key relative to the table root of a backend key under the prefix. */
    String relative(String backendKey) {
        return backendKey.startsWith(prefix) ? backendKey.substring(prefix.length()) : backendKey;
    }
}
