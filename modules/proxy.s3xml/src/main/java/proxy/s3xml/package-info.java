/**
 * S3 XML response bodies written with StAX: records in ({@link proxy.s3xml.ListObjectsV2Result} and friends),
 * UTF-8 bytes out ({@link proxy.s3xml.S3XmlWriter}). Element names and the namespace are exactly those of S3;
 * {@code Error} has no namespace, as S3 sends it.
 */
package proxy.s3xml;
