package proxy.http;

import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.Authentication;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.Principal;
import proxy.api.metrics.ProxyMetrics.Outcome;

/** Routes a parsed, authenticated request to its handler: one exhaustive switch, no default branch. */
final class OperationRouter {
    private final BucketOperations buckets;
    private final ListingOperations listings;
    private final ObjectOperations objects;
    private final Optional<WriteOperations> writes;

    /** @param writes empty when {@code readOnly}: every write is then 405, before its body is read */
    OperationRouter(BucketOperations buckets, ListingOperations listings, ObjectOperations objects,
               Optional<WriteOperations> writes) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.listings = Objects.requireNonNull(listings, "listings");
        this.objects = Objects.requireNonNull(objects, "objects");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    /**
     * Acts on the request and writes the answer.
     *
     * @param caller the authenticated caller (and the chain of its body's chunk signatures, if any)
     * @param view the request as received (a GetObject's routing looks at its client)
     *
     * @throws S3Exception for every refusal; the caller writes it
     * @throws ResponseAbortedException when a streamed body failed after the status line
     */
    Outcome dispatch(S3Request request, Authentication caller, HttpRequestView view, ResponseWriter reply)
            throws ResponseAbortedException {
        Principal principal = caller.principal();
        return switch (request) {
            case S3Request.ListBuckets r -> buckets.listBuckets(principal, reply);
            case S3Request.HeadBucket r -> buckets.headBucket(reply);
            case S3Request.GetBucketLocation r -> buckets.location(reply);
            case S3Request.ListObjectsV1 r -> listings.v1(r.params(), principal, reply);
            case S3Request.ListObjectsV2 r -> listings.v2(r.params(), principal, reply);
            case S3Request.GetObject r -> objects.get(r, principal, RedirectFollowers.judge(view), reply);
            case S3Request.HeadObject r -> objects.head(r, principal, reply);
            case S3Request.PutObject r -> writable().put(r, caller, view, reply);
            case S3Request.DeleteObject r -> writable().delete(r, principal, reply);
            case S3Request.Multipart r -> writable().multipart(r, caller, view, reply);
            case S3Request.DeleteObjects r -> writable().deleteObjects(caller, view, reply);
            case S3Request.Write r -> {
                writable();
                throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "This write operation is not implemented.");
            }
            case S3Request.Unsupported r -> throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                    "This operation is not implemented.");
        };
    }

    /** The write operations, or 405 MethodNotAllowed when the proxy is read-only. */
    private WriteOperations writable() {
        return writes.orElseThrow(() -> new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED));
    }
}
