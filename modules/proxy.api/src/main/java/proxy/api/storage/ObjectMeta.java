package proxy.api.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about one object.
 *
 * @param key          the key relative to the table root, never starting with {@code /}
 * @param size         the object's length in bytes
 * @param etag         the entity tag, quoted as S3 sends it ({@code "..."})
 * @param lastModified the last modification time, at second precision or finer
 * @param contentType  the media type; {@code application/octet-stream} when the store has none
 */
public record ObjectMeta(String key, long size, String etag, Instant lastModified, String contentType) {
    public ObjectMeta {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(contentType, "contentType");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}
