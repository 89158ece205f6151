package proxy.http;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import proxy.api.auth.Principal;
import proxy.api.metrics.ProxyMetrics.Outcome;
import proxy.s3xml.BucketEntry;
import proxy.s3xml.ListAllMyBucketsResult;
import proxy.s3xml.Owner;
import proxy.s3xml.S3XmlWriter;

/** ListBuckets, HeadBucket and GetBucketLocation: answered by the proxy alone. */
final class BucketOperations {
    private final String bucket;
    private final String region;
    private final Instant created;

    /**
     * @param created the bucket's CreationDate (the server start time: the bucket is virtual)
     */
    BucketOperations(String bucket, String region, Instant created) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.region = Objects.requireNonNull(region, "region");
        this.created = Objects.requireNonNull(created, "created");
    }

    /** The one virtual bucket, owned by the caller. */
    Outcome listBuckets(Principal principal, ResponseWriter reply) {
        var owner = new Owner(principal.name(), principal.name());
        reply.xml(200, S3XmlWriter.listBuckets(new ListAllMyBucketsResult(owner,
                List.of(new BucketEntry(bucket, created)))));
        return Outcome.ANSWERED;
    }

    Outcome headBucket(ResponseWriter reply) {
        reply.header("x-amz-bucket-region", region);
        reply.headersOnly(200, 0);
        return Outcome.ANSWERED;
    }

    Outcome location(ResponseWriter reply) {
        reply.xml(200, S3XmlWriter.locationConstraint(region));
        return Outcome.ANSWERED;
    }
}
