package proxy.api.metrics;

import java.time.Duration;

/**
 * The events the proxy reports. Every method has a no-op default so a sink implements only what it records.
 * Labels are bounded: operations, status classes, table aliases and reasons; never keys or principal names
 * (principals feed only the unique-user count). Thread-safe; must never throw.
 */
public interface ProxyMetrics {

    /** The sink that records nothing. */
    ProxyMetrics NOOP = new ProxyMetrics() {
    };

    /** A request started (in-flight gauge). */
    default void requestStarted() {
    }

    /**
     * A request ended.
     *
     * @param operation the S3 operation, e.g. {@code GetObject}
     * @param status    the HTTP status sent
     * @param bytesSent body bytes sent to the client
     * @param principal the verified principal name, or null when authentication failed
     * @param outcome   how it was served
     */
    default void requestCompleted(String operation, int status, long bytesSent, Duration duration,
                                  String principal, Outcome outcome) {
    }

    /**
     * How an authorized GetObject was routed: a bounded label such as {@code redirect-client} or
     * {@code stream-client} (see {@code AuditEvent.Routing}).
     */
    default void getRouted(String routing) {
    }

    /** A call to the backend store ended. */
    default void backendCall(String operation, boolean success, Duration latency) {
    }

    /** An authorization decision on a table. */
    default void authorization(String table, boolean allowed) {
    }

    /** An authentication failure, by S3 error code. */
    default void authenticationFailure(String reason) {
    }

    /**
     * A write ended (PutObject, DeleteObject with {@code readOnly: false}).
     *
     * @param table   the table alias
     * @param kind    {@code data}, {@code commit}, {@code log} or {@code delete}
     * @param outcome {@code written}, {@code denied}, {@code conflict} (put-if-absent lost), {@code invalid} (bad
     *                input) or {@code failed}
     * @param bytes   body bytes stored (0 unless written)
     */
    default void write(String table, String kind, String outcome, long bytes) {
    }

    /** A cache lookup (index, signing key, grants). */
    default void cacheAccess(String cache, boolean hit) {
    }

    /**
     * A filtered {@code _delta_log} object was built (a cache miss of {@code deltaLog: filtered}), or its build
     * failed; {@code kind} is {@code commit}, {@code checkpoint} or {@code last_checkpoint}, never a key or a size.
     */
    default void filteredLogBuild(String kind, boolean success, Duration duration) {
    }

    /** An index refresh of a table ended. */
    default void indexRefresh(String table, boolean success, Duration duration, long version) {
    }

    /** How a request was served. */
    enum Outcome {
        /** Answered by the proxy alone (listings, errors, HEAD). */
        ANSWERED,
        /** The body was streamed from the backend. */
        PROXIED,
        /** Answered with a 307 to a presigned URL. */
        REDIRECTED
    }
}
