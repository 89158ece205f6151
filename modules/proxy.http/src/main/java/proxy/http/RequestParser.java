package proxy.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import proxy.api.Ascii;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.RequestTarget;
import proxy.api.storage.ByteRange;

/**
 * Turns the request, its target already decoded once ({@link RequestTarget}, the form the signature covered), into
 * one {@link S3Request}. Path-style ({@code /bucket/alias/key}) and virtual-hosted style
 * ({@code Host: bucket.<anything>}) are both understood; the bucket must be the configured one.
 */
final class RequestParser {
    /** Query parameters that select an S3 sub-resource the proxy does not implement. */
    private static final Set<String> SUBRESOURCES = Set.of("accelerate", "acl", "analytics", "attributes", "cors",
            "delete", "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "logging",
            "metrics", "notification", "object-lock", "ownershipControls", "partNumber", "policy", "policyStatus",
            "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select", "tagging",
            "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");

    /** The sub-resources of multipart uploads. */
    private static final Set<String> MULTIPART = Set.of("partNumber", "uploadId", "uploads");

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
        RequestTarget target = view.target();
        Optional<String> rest = bucketRelativePath(view);
        boolean get = view.method().equals("GET");
        if (!get && !view.method().equals("HEAD")) {
            return write(view, rest);
        }
        if (rest.isEmpty()) {
            return get ? new S3Request.ListBuckets() : new S3Request.Unsupported("HEAD on the service");
        }
        Optional<String> subresource = subresource(target);
        if (rest.get().isEmpty()) {
            return bucketRequest(get, target, subresource);
        }
        var objectKey = ObjectKey.of(rest.get());
        Optional<S3Request> multipart = get ? multipart(view, objectKey) : Optional.empty();
        if (multipart.isPresent()) {
            return multipart.get();
        }
        if (subresource.isPresent()) {
            return new S3Request.Unsupported("object sub-resource " + subresource.get());
        }
        var range = ByteRange.parse(view.header("range").orElse(null));
        var conditions = HttpDates.conditions(view);
        return get ? new S3Request.GetObject(objectKey, range, conditions)
                : new S3Request.HeadObject(objectKey, range, conditions);
    }

    /**
     * A multipart step, PutObject or DeleteObject of an object key, or DeleteObjects; any other write is
     * {@link S3Request.Write}.
     */
    private static S3Request write(HttpRequestView view, Optional<String> rest) {
        if (rest.isPresent() && rest.get().isEmpty() && view.method().equals("POST")
                && view.target().has("delete") && subresources(view.target()) == 1) {
            return new S3Request.DeleteObjects();
        }
        if (rest.isPresent() && !rest.get().isEmpty()) {
            Optional<S3Request> multipart = multipart(view, ObjectKey.of(rest.get()));
            if (multipart.isPresent()) {
                return multipart.get();
            }
        }
        boolean put = view.method().equals("PUT");
        boolean delete = view.method().equals("DELETE");
        if (rest.isEmpty() || rest.get().isEmpty() || (!put && !delete) || subresource(view.target()).isPresent()
                || view.header("x-amz-copy-source").isPresent()) {
            return new S3Request.Write(view.method());
        }
        var key = ObjectKey.of(rest.get());
        return put ? new S3Request.PutObject(key) : new S3Request.DeleteObject(key);
    }

    /**
     * A multipart step, when the method and sub-resources name one (and no other sub-resource is present).
     *
     * @throws S3Exception InvalidArgument for a part number outside 1 to 10,000
     */
    private static Optional<S3Request> multipart(HttpRequestView view, ObjectKey key) {
        RequestTarget query = view.target();
        boolean others = query.query().stream().anyMatch(p -> SUBRESOURCES.contains(p.name())
                && !MULTIPART.contains(p.name()));
        if (others || view.header("x-amz-copy-source").isPresent()) {
            return Optional.empty();
        }
        Optional<String> uploadId = query.parameter("uploadId");
        String method = view.method();
        if (uploadId.isEmpty()) {
            return method.equals("POST") && query.has("uploads") && !query.has("partNumber")
                    ? Optional.of(new S3Request.Multipart(key, S3Request.Multipart.Step.CREATE, "", 0))
                    : Optional.empty();
        }
        if (query.has("uploads")) {
            return Optional.empty();
        }
        if (method.equals("PUT") && query.has("partNumber")) {
            return Optional.of(new S3Request.Multipart(key, S3Request.Multipart.Step.UPLOAD_PART, uploadId.get(),
                    partNumber(query.parameter("partNumber").orElse(""))));
        }
        if (query.has("partNumber")) {
            return Optional.empty();
        }
        S3Request.Multipart.Step step = switch (method) {
            case "POST" -> S3Request.Multipart.Step.COMPLETE;
            case "DELETE" -> S3Request.Multipart.Step.ABORT;
            case "GET" -> S3Request.Multipart.Step.LIST_PARTS;
            default -> null;
        };
        return Optional.ofNullable(step).map(s -> new S3Request.Multipart(key, s, uploadId.get(), 0));
    }

    private static int partNumber(String text) {
        try {
            int number = Ascii.isDecimal(text) ? Integer.parseInt(text) : -1;
            if (number >= 1 && number <= 10_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000,"
                + " inclusive");
    }

    /**
     * The decoded path after the bucket ({@code ""} for the bucket itself), or empty for a service-level request.
     *
     * @throws S3Exception NoSuchBucket for a bucket other than the configured one
     */
    private Optional<String> bucketRelativePath(HttpRequestView view) {
        String path = view.target().path();
        String host = view.header("host").orElse("").toLowerCase(Locale.ROOT);
        if (host.startsWith(bucket + ".")) {
            return Optional.of(path.substring(1));
        }
        if (path.equals("/")) {
            return Optional.empty();
        }
        String requested = pathStyleBucket(view.target());
        if (!requested.equals(bucket)) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET);
        }
        return Optional.of(path.substring(Math.min(path.length(), requested.length() + 2)));
    }

    /** The bucket a path-style target names: its first segment ({@code ""} for {@code /}). */
    static String pathStyleBucket(RequestTarget target) {
        String path = target.path();
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path.substring(1) : path.substring(1, slash);
    }

    private static S3Request bucketRequest(boolean get, RequestTarget query, Optional<String> subresource) {
        if (!get) {
            return new S3Request.HeadBucket();
        }
        if (query.has("location")) {
            return new S3Request.GetBucketLocation();
        }
        if (subresource.isPresent()) {
            return new S3Request.Unsupported("bucket sub-resource " + subresource.get());
        }
        Optional<String> listType = query.parameter("list-type");
        if (listType.isEmpty()) {
            return new S3Request.ListObjectsV1(ListParamsParser.v1(query));
        }
        if (listType.get().equals("2")) {
            return new S3Request.ListObjectsV2(ListParamsParser.v2(query));
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid list-type.");
    }

    private static long subresources(RequestTarget query) {
        return query.query().stream().filter(p -> SUBRESOURCES.contains(p.name())).count();
    }

    private static Optional<String> subresource(RequestTarget query) {
        for (RequestTarget.Parameter p : query.query()) {
            if (SUBRESOURCES.contains(p.name())) {
                return Optional.of(p.name());
            }
        }
        return Optional.empty();
    }
}
