package proxy.s3xml;

import java.util.List;
import java.util.Objects;

/** The body of a ListBuckets answer. */
public record ListAllMyBucketsResult(Owner owner, List<BucketEntry> buckets) {
    public ListAllMyBucketsResult {
        Objects.requireNonNull(owner, "owner");
        buckets = List.copyOf(buckets);
    }
}
