/**
 * The S3 HTTP front: {@link proxy.http.S3Server} is the only public type.
 *
 * <p>Per request: parse once into a sealed {@code S3Request} (path-style {@code /bucket/alias/key} or
 * virtual-hosted {@code Host: bucket.<anything>}) -> authenticate (an {@code HttpRequestView} of the raw path, raw
 * query and lower-case headers) -> resolve the alias -> authorize before any backend call for the object -> act
 * -> write -> record metrics. Decisions worth knowing:
 * <ul>
 *   <li>Keys are percent-decoded exactly once. Every malformed key (bad escape, invalid UTF-8, control character,
 *       NUL, backslash, {@code .}/{@code ..} or empty segment) is {@code 400 InvalidURI}; longer than 1024 UTF-8
 *       bytes is {@code 400 KeyTooLongError}. Targets that are not URIs at all (a raw backslash, {@code %zz}) are
 *       refused by the JDK server itself with a plain 400 before any handler runs. Listing prefixes with a
 *       complete empty/dot segment, a control character or a backslash are {@code 400 InvalidArgument}.</li>
 *   <li>No existence oracle: an unknown alias and a table the principal may not see behave alike (GET/HEAD 403
 *       AccessDenied, listings empty). A key that cannot name a file ({@code bucket/alias}, {@code alias/dir/}) is
 *       404 NoSuchKey for every alias, so Hadoop-style directory probes work; for a file key, NoSuchKey is only
 *       answered when the principal may read that key.</li>
 *   <li>ListObjectsV2 continuation tokens are HMAC-SHA256-sealed with a key random per process, bound to the
 *       principal, prefix and delimiter; a bad or foreign token is 400 InvalidArgument, and tokens do not survive
 *       a restart. A request reads at most 10 store pages while filtering, then answers truncated (possibly with
 *       no keys) and a token. ListObjects V1 sends NextMarker whenever it is truncated (S3 only does with a
 *       delimiter) and keeps reading until it has one entry, since an empty V1 page cannot be resumed.</li>
 *   <li>A body that fails after the status line aborts the connection (the client sees a short read, never a
 *       complete-looking response). The JDK server does not count such an exchange as finished, so a later stop
 *       waits out its grace.</li>
 *   <li>Writes: 405 MethodNotAllowed when read-only, else 501 NotImplemented; request bodies are never read (the
 *       JDK drains at most 64 KiB, then closes the connection).</li>
 * </ul>
 */
package proxy.http;
