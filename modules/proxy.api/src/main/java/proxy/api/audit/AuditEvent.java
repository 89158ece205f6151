package proxy.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One S3 request as the audit log records it. Never carries a secret, a signature, an access key, a header or a
 * query string: only the facts below.
 *
 * @param time           when the request arrived
 * @param requestId      the {@code x-amz-request-id} sent with the response
 * @param principal      the verified principal name, or null when authentication failed or was not reached
 * @param operation      the S3 operation ({@code GetObject}, {@code ListObjectsV2}, ...; {@code Invalid} when the
 *                       request could not be parsed)
 * @param table          the table alias the request names, or null (bucket-level requests, a listing prefix
 *                       that spans aliases)
 * @param key            the object key relative to the bucket ({@code trades/MIC=XLON/part-0.parquet}) or the
 *                       listing prefix; null when the request names neither
 * @param decision       the authorization outcome
 * @param reason         the grant that allowed or why it was denied; null when {@code decision} is NONE
 * @param status         the HTTP status sent
 * @param bytesSent      body bytes sent to the client
 * @param durationMillis from arrival to the last byte sent
 * @param mode           how the request was served
 * @param errorCode      the S3 error code of an error response, or null
 * @param routing        for an authorized GetObject, whether it was to be redirected or streamed and why; else
 *                       null
 * @param bytesReceived  body bytes a write stored (0 for reads and for refused writes, whose bodies are not read
 *                       or not kept)
 */
public record AuditEvent(Instant time, String requestId, String principal, String operation, String table,
                         String key, Verdict decision, String reason, int status, long bytesSent,
                         long durationMillis, Mode mode, String errorCode, Routing routing, long bytesReceived) {
    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(mode, "mode");
    }

    /** An event of a request that stored no body. */
    public AuditEvent(Instant time, String requestId, String principal, String operation, String table, String key,
                      Verdict decision, String reason, int status, long bytesSent, long durationMillis, Mode mode,
                      String errorCode, Routing routing) {
        this(time, requestId, principal, operation, table, key, decision, reason, status, bytesSent, durationMillis,
                mode, errorCode, routing, 0);
    }

    /** The authorization outcome of a request. */
    public enum Verdict {
        /** An authorizer allowed it (for a listing: the table is visible, entries are filtered). */
        ALLOW("allow"),
        /** Refused: by the authorizer, an invisible table, or a failed authentication. */
        DENY("deny"),
        /** No authorization applies (ListBuckets, HeadBucket, a request refused before it names a table). */
        NONE("none");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** The lower-case name written to the log. */
        public String label() {
            return label;
        }
    }

    /** How a request was served. */
    public enum Mode {
        /** The body was streamed from the backend through the proxy. */
        PROXY("proxy"),
        /** Answered with a 307 to a presigned backend URL. */
        REDIRECT("redirect"),
        /** Answered by the proxy alone: listings, HEAD, errors. */
        ANSWERED("answered");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        /** The lower-case name written to the log. */
        public String label() {
            return label;
        }
    }

    /**
     * How an authorized GetObject was routed (redirect or stream) and on what basis. Bounded: also a metrics
     * label. Has no security effect: both paths are authorized the same way before the choice is made.
     */
    public enum Routing {
        /** {@code getMode: presignedUrl}. */
        REDIRECT_CONFIGURED("redirect-configured", true),
        /** {@code getMode: auto} and a User-Agent of a client known to follow a 307 correctly. */
        REDIRECT_CLIENT("redirect-client", true),
        /** {@code getMode: auto} and the client asked for redirects (User-Agent token or header). */
        REDIRECT_OPT_IN("redirect-opt-in", true),
        /** {@code getMode: proxy}. */
        STREAM_CONFIGURED("stream-configured", false),
        /** {@code getMode: auto} and a client not known to follow a 307 correctly. */
        STREAM_CLIENT("stream-client", false),
        /** A {@code _delta_log/} object: always streamed. */
        STREAM_DELTA_LOG("stream-delta-log", false),
        /** A ranged GET with {@code proxyPartial}. */
        STREAM_PARTIAL("stream-partial", false),
        /** A redirect was chosen but the table's store cannot presign (the {@code file} store). */
        STREAM_NO_PRESIGN("stream-no-presign", false),
        /**
         * Only some bytes of the object are readable (a deletion-vector file shared with unreadable partitions): a
         * presigned URL would open all of it, so the allowed range is always streamed.
         */
        STREAM_RESTRICTED("stream-restricted", false);

        private final String label;
        private final boolean redirects;

        Routing(String label, boolean redirects) {
            this.label = label;
            this.redirects = redirects;
        }

        /** The lower-case name written to the log and used as the metrics label. */
        public String label() {
            return label;
        }

        /** Whether this routing answers with a redirect (when the store can presign). */
        public boolean redirects() {
            return redirects;
        }
    }
}
