package proxy.http;

import java.util.Objects;
import proxy.api.audit.AuditEvent.Routing;
import proxy.api.audit.AuditEvent.Verdict;
import proxy.api.policy.Decision;

/**
 * What one request touched and how it was judged, gathered while it is handled and written to the audit log
 * when it ends: the table and key it names (from the parsed request), the authorization verdict (from the
 * operation that authorized it) and, for a GetObject, how it was routed. Not thread-safe; one per exchange, held
 * by its {@link ResponseWriter}.
 */
final class AuditFacts {
    private String table;
    private String key;
    private Verdict verdict = Verdict.NONE;
    private String reason;
    private Routing routing;
    private String writeKind;
    private long bytesReceived;
    private final java.util.List<Item> items = new java.util.ArrayList<>();

    /**
     * One key of a request that names several (DeleteObjects), judged and acted on by itself: audited as its own
     * event and counted as its own write.
     *
     * @param errorCode the S3 error code answered for the key, or null when it was acted on
     */
    record Item(String table, String key, Decision decision, String errorCode) {
    }

    /** Takes the table alias and bucket-relative key (or listing prefix) a request names. */
    void about(S3Request request) {
        switch (request) {
            case S3Request.GetObject r -> target(r.key().alias(), r.key().full());
            case S3Request.HeadObject r -> target(r.key().alias(), r.key().full());
            case S3Request.ListObjectsV1 r -> listing(r.params().prefix());
            case S3Request.ListObjectsV2 r -> listing(r.params().prefix());
            case S3Request.ListBuckets r -> target(null, null);
            case S3Request.HeadBucket r -> target(null, null);
            case S3Request.GetBucketLocation r -> target(null, null);
            case S3Request.PutObject r -> target(r.key().alias(), r.key().full());
            case S3Request.DeleteObject r -> target(r.key().alias(), r.key().full());
            case S3Request.Multipart r -> target(r.key().alias(), r.key().full());
            case S3Request.DeleteObjects r -> target(null, null);
            case S3Request.Write r -> target(null, null);
            case S3Request.Unsupported r -> target(null, null);
        }
    }

    private void listing(String prefix) {
        target(ListingOperations.aliasOf(prefix), prefix);
    }

    private void target(String table, String key) {
        this.table = table;
        this.key = key;
    }

    /** The authorizer's decision on the request. */
    void decided(Decision decision) {
        Objects.requireNonNull(decision, "decision");
        verdict = decision.allowed() ? Verdict.ALLOW : Verdict.DENY;
        reason = decision.reason();
    }

    /** How an authorized GetObject was routed. */
    void routed(Routing routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    /** What a write writes: {@code data}, {@code commit}, {@code log} or {@code delete}. */
    void writes(String kind) {
        this.writeKind = Objects.requireNonNull(kind, "kind");
    }

    /** A key of a multi-key request, with its decision and the error answered for it (null: done). */
    void item(String table, String key, Decision decision, String errorCode) {
        items.add(new Item(table, key, Objects.requireNonNull(decision, "decision"), errorCode));
    }

    /** The keys of a multi-key request, in order. */
    java.util.List<Item> items() {
        return java.util.List.copyOf(items);
    }

    /** The body bytes a write stored. */
    void stored(long bytes) {
        this.bytesReceived = bytes;
    }

    /** What the write wrote, or null for a request that is no write (or was refused before it was classified). */
    String writeKind() {
        return writeKind;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    /** The routing of an authorized GetObject, or null. */
    Routing routing() {
        return routing;
    }

    /** The table alias, or null. */
    String table() {
        return table;
    }

    /** The bucket-relative key or listing prefix, or null. */
    String key() {
        return key;
    }

    Verdict verdict() {
        return verdict;
    }

    /** The grant or deny reason; null when no authorization applied. */
    String reason() {
        return reason;
    }
}
