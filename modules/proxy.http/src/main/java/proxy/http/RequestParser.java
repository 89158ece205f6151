package proxy.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.storage.ByteRange;

/**
 * Turns the raw request into one {@link S3Request}. Path-style ({@code /bucket/alias/key}) and virtual-hosted
 * style ({@code Host: bucket.<anything>}) are both understood; the bucket must be the configured one.
 */
final class RequestParser {
    /** Query parameters that select an S3 sub-resource the proxy does not implement. */
    private static final Set<String> SUBRESOURCES = Set.of("accelerate", "acl", "analytics", "attributes", "cors",
            "delete", "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "logging",
            "metrics", "notification", "object-lock", "ownershipControls", "partNumber", "policy", "policyStatus",
            "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select", "tagging",
            "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");

    private final String bucket;

    RequestParser(String bucket) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Parses the request.
     *
     * @throws S3Exception NoSuchBucket for another bucket, InvalidURI/KeyTooLongError for a bad key,
     *                     InvalidArgument for a bad list parameter
     */
    S3Request parse(HttpRequestView view) {
        var query = QueryParams.parse(view.rawQuery());
        Optional<String> rest = bucketRelativePath(view);
        boolean get = view.method().equals("GET");
        if (!get && !view.method().equals("HEAD")) {
            return new S3Request.Write(view.method());
        }
        if (rest.isEmpty()) {
            return get ? new S3Request.ListBuckets() : new S3Request.Unsupported("HEAD on the service");
        }
        Optional<String> subresource = subresource(query);
        if (rest.get().isEmpty()) {
            return bucketRequest(get, query, subresource);
        }
        String key = KeyDecoder.decode(rest.get());
        if (subresource.isPresent()) {
            return new S3Request.Unsupported("object sub-resource " + subresource.get());
        }
        int slash = key.indexOf('/');
        var objectKey = slash < 0 ? new ObjectKey(key, "") : new ObjectKey(key.substring(0, slash),
                key.substring(slash + 1));
        var range = ByteRange.parse(view.header("range").orElse(null));
        var conditions = HttpDates.conditions(view);
        return get ? new S3Request.GetObject(objectKey, range, conditions)
                : new S3Request.HeadObject(objectKey, range, conditions);
    }

    /**
     * The raw path after the bucket ({@code ""} for the bucket itself), or empty for a service-level request.
     */
    private Optional<String> bucketRelativePath(HttpRequestView view) {
        String path = view.rawPath().isEmpty() ? "/" : view.rawPath();
        if (!path.startsWith("/")) {
            throw new S3Exception(S3ErrorCode.INVALID_URI);
        }
        String host = view.header("host").orElse("").toLowerCase(Locale.ROOT);
        if (host.startsWith(bucket + ".")) {
            return Optional.of(path.substring(1));
        }
        if (path.equals("/")) {
            return Optional.empty();
        }
        int slash = path.indexOf('/', 1);
        String rawBucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
        if (!KeyDecoder.percentDecode(rawBucket).equals(bucket)) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET);
        }
        return Optional.of(slash < 0 ? "" : path.substring(slash + 1));
    }

    private static S3Request bucketRequest(boolean get, QueryParams query, Optional<String> subresource) {
        if (!get) {
            return new S3Request.HeadBucket();
        }
        if (query.has("location")) {
            return new S3Request.GetBucketLocation();
        }
        if (subresource.isPresent()) {
            return new S3Request.Unsupported("bucket sub-resource " + subresource.get());
        }
        Optional<String> listType = query.get("list-type");
        if (listType.isEmpty()) {
            return new S3Request.ListObjectsV1(ListParamsParser.v1(query));
        }
        if (listType.get().equals("2")) {
            return new S3Request.ListObjectsV2(ListParamsParser.v2(query));
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid list-type.");
    }

    private static Optional<String> subresource(QueryParams query) {
        for (String name : query.names()) {
            if (SUBRESOURCES.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
