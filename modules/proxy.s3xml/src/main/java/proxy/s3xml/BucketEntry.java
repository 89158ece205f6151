package proxy.s3xml;

import java.time.Instant;
import java.util.Objects;

/** One {@code Bucket} of a {@link ListAllMyBucketsResult}. */
public record BucketEntry(String name, Instant creationDate) {
    public BucketEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creationDate, "creationDate");
    }
}
