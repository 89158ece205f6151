package proxy.s3xml;

import java.util.List;

/**
 * The S3 XML bodies of multipart uploads: {@code InitiateMultipartUploadResult},
 * {@code CompleteMultipartUploadResult} and {@code ListPartsResult}. Stateless and thread-safe.
 */
public final class MultipartXml {
    private MultipartXml() {
    }

    /** One part of a {@code ListPartsResult}. */
    public record PartEntry(int number, String etag, long size) {
    }

    /** {@code InitiateMultipartUploadResult}. */
    public static byte[] initiated(String bucket, String key, String uploadId) {
        return new XmlDocument("InitiateMultipartUploadResult", S3XmlWriter.NAMESPACE, false)
                .element("Bucket", bucket).element("Key", key).element("UploadId", uploadId).finish();
    }

    /** {@code CompleteMultipartUploadResult}. */
    public static byte[] completed(String location, String bucket, String key, String etag) {
        return new XmlDocument("CompleteMultipartUploadResult", S3XmlWriter.NAMESPACE, false)
                .element("Location", location).element("Bucket", bucket).element("Key", key)
                .element("ETag", etag).finish();
    }

    /** {@code ListPartsResult}, all parts in one page. */
    public static byte[] parts(String bucket, String key, String uploadId, List<PartEntry> parts) {
        var doc = new XmlDocument("ListPartsResult", S3XmlWriter.NAMESPACE, false)
                .element("Bucket", bucket).element("Key", key).element("UploadId", uploadId)
                .element("PartNumberMarker", "0")
                .element("NextPartNumberMarker", parts.isEmpty() ? "0"
                        : Integer.toString(parts.getLast().number()))
                .element("MaxParts", "10000").element("IsTruncated", "false");
        for (PartEntry part : parts) {
            doc.start("Part").element("PartNumber", Integer.toString(part.number())).element("ETag", part.etag())
                    .element("Size", Long.toString(part.size())).end();
        }
        return doc.finish();
    }
}
