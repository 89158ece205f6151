package proxy.s3xml;

import java.util.List;

/**
 * Writes the S3 XML bodies the proxy answers with. Records in, UTF-8 bytes out; element names and the namespace
 * {@value #NAMESPACE} are exactly those of S3. Stateless and thread-safe.
 */
public final class S3XmlWriter {
    /** The namespace of every S3 response body except {@code Error}. */
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private S3XmlWriter() {
    }

    /** {@code ListAllMyBucketsResult}. */
    public static byte[] listBuckets(ListAllMyBucketsResult result) {
        var doc = new XmlDocument("ListAllMyBucketsResult", NAMESPACE, false);
        owner(doc, result.owner());
        doc.start("Buckets");
        for (BucketEntry bucket : result.buckets()) {
            doc.start("Bucket").element("Name", bucket.name()).time("CreationDate", bucket.creationDate()).end();
        }
        doc.end();
        return doc.finish();
    }

    /** {@code ListBucketResult} of ListObjectsV2. */
    public static byte[] listObjectsV2(ListObjectsV2Result r) {
        var doc = new XmlDocument("ListBucketResult", NAMESPACE, r.urlEncoded());
        doc.element("Name", r.name()).encoded("Prefix", r.prefix());
        r.delimiter().ifPresent(d -> doc.encoded("Delimiter", d));
        doc.element("MaxKeys", Integer.toString(r.maxKeys()));
        if (r.urlEncoded()) {
            doc.element("EncodingType", "url");
        }
        doc.element("KeyCount", Integer.toString(r.keyCount()));
        doc.element("IsTruncated", Boolean.toString(r.truncated()));
        r.continuationToken().ifPresent(t -> doc.element("ContinuationToken", t));
        r.nextContinuationToken().ifPresent(t -> doc.element("NextContinuationToken", t));
        r.startAfter().ifPresent(s -> doc.encoded("StartAfter", s));
        entries(doc, r.contents(), r.commonPrefixes());
        return doc.finish();
    }

    /** {@code ListBucketResult} of ListObjects (version 1). */
    public static byte[] listObjectsV1(ListObjectsV1Result r) {
        var doc = new XmlDocument("ListBucketResult", NAMESPACE, r.urlEncoded());
        doc.element("Name", r.name()).encoded("Prefix", r.prefix()).encoded("Marker", r.marker());
        r.nextMarker().ifPresent(m -> doc.encoded("NextMarker", m));
        r.delimiter().ifPresent(d -> doc.encoded("Delimiter", d));
        doc.element("MaxKeys", Integer.toString(r.maxKeys()));
        if (r.urlEncoded()) {
            doc.element("EncodingType", "url");
        }
        doc.element("IsTruncated", Boolean.toString(r.truncated()));
        entries(doc, r.contents(), r.commonPrefixes());
        return doc.finish();
    }

    /**
     * {@code LocationConstraint}: the region, or an empty element for {@code us-east-1} (as S3 answers).
     */
    public static byte[] locationConstraint(String region) {
        var doc = new XmlDocument("LocationConstraint", NAMESPACE, false);
        if (!"us-east-1".equals(region)) {
            doc.text(region);
        }
        return doc.finish();
    }

    /**
     * {@code Error}, without a namespace: {@code Code}, {@code Message}, then {@code BucketName} and {@code Key}
     * when given (S3 sends them with NoSuchBucket and NoSuchKey), {@code Resource} and {@code RequestId}.
     */
    public static byte[] error(ErrorResponse error) {
        var doc = new XmlDocument("Error", null, false)
                .element("Code", error.code())
                .element("Message", error.message());
        error.bucketName().ifPresent(b -> doc.element("BucketName", b));
        error.key().ifPresent(k -> doc.element("Key", k));
        return doc.element("Resource", error.resource())
                .element("RequestId", error.requestId())
                .finish();
    }

    private static void entries(XmlDocument doc, List<ObjectEntry> contents, List<String> prefixes) {
        for (ObjectEntry entry : contents) {
            doc.start("Contents")
                    .encoded("Key", entry.key())
                    .time("LastModified", entry.lastModified());
            entry.etag().ifPresent(etag -> doc.element("ETag", etag));
            doc.element("Size", Long.toString(entry.size()));
            entry.owner().ifPresent(o -> owner(doc, o));
            doc.element("StorageClass", "STANDARD").end();
        }
        for (String prefix : prefixes) {
            doc.start("CommonPrefixes").encoded("Prefix", prefix).end();
        }
    }

    private static void owner(XmlDocument doc, Owner owner) {
        doc.start("Owner").element("ID", owner.id()).element("DisplayName", owner.displayName()).end();
    }
}
