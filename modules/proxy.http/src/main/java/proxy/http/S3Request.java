package proxy.http;

import java.util.Objects;
import java.util.Optional;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;

/**
 * One HTTP request, parsed once into the S3 operation it asks for. Handlers switch over it exhaustively, so a new
 * operation cannot silently fall into another's branch.
 */
sealed interface S3Request {

    /** The operation name for metrics and logs. */
    String operation();

    /** {@code GET /}. */
    record ListBuckets() implements S3Request {
        @Override
        public String operation() {
            return "ListBuckets";
        }
    }

    /** {@code HEAD /bucket}. */
    record HeadBucket() implements S3Request {
        @Override
        public String operation() {
            return "HeadBucket";
        }
    }

    /** {@code GET /bucket?location}. */
    record GetBucketLocation() implements S3Request {
        @Override
        public String operation() {
            return "GetBucketLocation";
        }
    }

    /** {@code GET /bucket} without {@code list-type=2}. */
    record ListObjectsV1(ListParams params) implements S3Request {
        public ListObjectsV1 {
            Objects.requireNonNull(params, "params");
        }

        @Override
        public String operation() {
            return "ListObjects";
        }
    }

    /** {@code GET /bucket?list-type=2}. */
    record ListObjectsV2(ListParams params) implements S3Request {
        public ListObjectsV2 {
            Objects.requireNonNull(params, "params");
        }

        @Override
        public String operation() {
            return "ListObjectsV2";
        }
    }

    /** {@code GET /bucket/alias/key}. */
    record GetObject(ObjectKey key, Optional<ByteRange> range, Conditions conditions) implements S3Request {
        public GetObject {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(conditions, "conditions");
        }

        @Override
        public String operation() {
            return "GetObject";
        }
    }

    /** {@code HEAD /bucket/alias/key}: the same checks and headers as {@link GetObject}, no body. */
    record HeadObject(ObjectKey key, Optional<ByteRange> range, Conditions conditions) implements S3Request {
        public HeadObject {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(conditions, "conditions");
        }

        @Override
        public String operation() {
            return "HeadObject";
        }
    }

    /** {@code PUT /bucket/alias/key} without a sub-resource or copy source: a data file or a log object. */
    record PutObject(ObjectKey key) implements S3Request {
        public PutObject {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String operation() {
            return "PutObject";
        }
    }

    /** {@code DELETE /bucket/alias/key} without a sub-resource. */
    record DeleteObject(ObjectKey key) implements S3Request {
        public DeleteObject {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String operation() {
            return "DeleteObject";
        }
    }

    /** {@code POST /bucket?delete}: deletes the keys its body names, each judged on its own. */
    record DeleteObjects() implements S3Request {
        @Override
        public String operation() {
            return "DeleteObjects";
        }
    }

    /**
     * A step of a multipart upload: {@code POST ?uploads}, {@code PUT ?partNumber&uploadId},
     * {@code POST ?uploadId}, {@code DELETE ?uploadId}, {@code GET ?uploadId}.
     *
     * @param uploadId   the upload id the client sent; empty for {@link Step#CREATE}
     * @param partNumber 1 to 10,000 for {@link Step#UPLOAD_PART}, else 0
     */
    record Multipart(ObjectKey key, Step step, String uploadId, int partNumber) implements S3Request {
        public Multipart {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(uploadId, "uploadId");
        }

        @Override
        public String operation() {
            return step.operation;
        }

        /** The multipart operations, by their S3 names. */
        enum Step {
            CREATE("CreateMultipartUpload"), UPLOAD_PART("UploadPart"), COMPLETE("CompleteMultipartUpload"),
            ABORT("AbortMultipartUpload"), LIST_PARTS("ListParts");

            private final String operation;

            Step(String operation) {
                this.operation = operation;
            }
        }
    }

    /** Any other method than GET and HEAD (POST, multipart, copies, bucket writes, ...). */
    record Write(String method) implements S3Request {
        public Write {
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String operation() {
            return "Write";
        }
    }

    /** A GET or HEAD the proxy does not implement (sub-resources such as {@code ?acl}, {@code HEAD /}). */
    record Unsupported(String what) implements S3Request {
        public Unsupported {
            Objects.requireNonNull(what, "what");
        }

        @Override
        public String operation() {
            return "Unsupported";
        }
    }
}
