package proxy.app;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** One-part multipart uploads through the proxy's bucket {@code datalake}, step by step, for the write tests. */
final class UploadSteps {
    private UploadSteps() {
    }

    /** CreateMultipartUpload of {@code table/key}; returns the upload id. */
    static String createUpload(S3Client client, String table, String key) {
        return client.createMultipartUpload(b -> b.bucket("datalake").key(table + "/" + key)).uploadId();
    }

    /** UploadPart 1; returns its ETag. */
    static String uploadPart(S3Client client, String table, String key, String uploadId, byte[] data) {
        return client.uploadPart(b -> b.bucket("datalake").key(table + "/" + key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(data)).eTag();
    }

    /** CompleteMultipartUpload with part 1; returns the object's ETag. */
    static String completeUpload(S3Client client, String table, String key, String uploadId, String etag) {
        return client.completeMultipartUpload(b -> b.bucket("datalake").key(table + "/" + key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).eTag();
    }
}
