/**
 * The S3 HTTP front: {@link proxy.http.S3Server} is the only public type.
 *
 * <p>Per request: accept ({@code ConnectionGuard}: per-address limits and a first-byte timeout, then relayed to the
 * JDK server on loopback by selector threads, {@code SocketRelay}; off with {@code connections.guard: false}) -> decode the target once
 * ({@code proxy.api.auth.RequestTarget}) -> parse once into a sealed {@code S3Request} (path-style
 * {@code /bucket/alias/key} or virtual-hosted {@code Host: bucket.<anything>}) -> authenticate from that same decoded
 * target -> resolve the alias -> authorize before any backend call for the object -> act -> write -> record metrics,
 * the audit event and, for a 5xx, one log record with the request id and cause ({@code ServerErrorLog}). Decisions
 * worth knowing:
 * <ul>
 *   <li>Keys are percent-decoded exactly once and checked by one rule set ({@code proxy.api.storage.ObjectKeys}):
 *       a malformed key (bad escape, invalid UTF-8, control character, NUL, backslash, {@code .}/{@code ..} or empty
 *       segment, U+FFFE/U+FFFF) is {@code 400 InvalidURI}; longer than 1024 UTF-8 bytes is
 *       {@code 400 KeyTooLongError}. The JDK server itself refuses some targets (raw bytes 0x80-0x9F, a raw
 *       backslash) with a plain 400 before any handler runs.</li>
 *   <li>No existence oracle: an unknown alias and a table the principal may not see behave alike (GET/HEAD 403
 *       AccessDenied, listings empty). A key that cannot name a file ({@code bucket/alias}, {@code alias/dir/}) is
 *       404 NoSuchKey for every alias, so Hadoop-style directory probes work; for a file key, NoSuchKey is only
 *       answered when the principal may read that key.</li>
 *   <li>Listings of data keys come from the Delta index, partition by partition, only over partitions the principal
 *       may read ({@code TableKeys}); only {@code _delta_log/} is listed from the store (protocol names only, at most
 *       10 store pages per request), or from the filtered log view in {@code deltaLog: filtered}. Continuation
 *       tokens are sealed deterministically ({@code ContinuationTokens}) with the {@code listingTokenKeys} (the
 *       first seals, all open), so replicas sharing them continue each other's listings; without them, with a key
 *       random per process (tokens then do not survive a restart or cross replicas). ListObjects V1 sends
 *       {@code NextMarker} only with a delimiter.</li>
 *   <li>GETs of data files stream or redirect by {@code getMode}; {@code auto} redirects only clients known to follow
 *       a 307 or that opt in ({@code RedirectFollowers}); log files always stream.</li>
 *   <li>A body that fails after the status line aborts the connection (the client sees a short read, never a
 *       complete-looking response). Stopping waits for the server's own in-flight count
 *       ({@code InFlightRequests}), not the JDK's, so it returns as soon as nothing is being handled.</li>
 *   <li>Writes: 405 MethodNotAllowed when read-only, else 501 NotImplemented; request bodies are never read (the
 *       JDK drains at most 64 KiB, then closes the connection).</li>
 * </ul>
 */
package proxy.http;
