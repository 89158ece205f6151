/**
 * The {@code s3} store: a table under {@code s3://bucket/prefix} of an S3-compatible backend. Object reads and
 * presigned URLs are signed by the store and reads sent over its lean HTTP client ({@code proxy.storage.s3.wire},
 * via {@link proxy.storage.s3.ObjectRequests});
 * listings use the SDK's S3 client; backend failures become S3 errors at this seam
 * ({@link proxy.storage.s3.BackendErrors}).
 */
package proxy.storage.s3;
