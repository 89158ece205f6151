/**
 * Where table bytes live: an {@link proxy.api.storage.ObjectStore} rooted at one table (the {@code s3} and
 * {@code file} providers), with keys relative to that root, UTF-8 binary order in listings, one byte range per
 * read and S3's conditional-request semantics ({@link proxy.api.storage.Conditions}).
 */
package proxy.api.storage;
