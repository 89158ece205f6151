package proxy.s3xml;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code Contents} element of a listing. The storage class is always {@code STANDARD}.
 *
 * @param key          the full key as the client sees it (alias included)
 * @param lastModified written as ISO-8601 with milliseconds in UTC
 * @param etag         quoted, as S3 sends it; empty when the proxy does not know the object's ETag (the element is
 *                     then left out rather than invented)
 * @param owner        written when present (V1 always, V2 with {@code fetch-owner=true})
 */
public record ObjectEntry(String key, Instant lastModified, Optional<String> etag, long size, Optional<Owner> owner) {
    public ObjectEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(owner, "owner");
    }
}
