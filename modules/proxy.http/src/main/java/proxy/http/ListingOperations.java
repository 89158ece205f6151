package proxy.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.auth.Principal;
import proxy.api.metrics.ProxyMetrics.Outcome;
import proxy.api.policy.Decision;
import proxy.s3xml.ListObjectsV1Result;
import proxy.s3xml.ListObjectsV2Result;
import proxy.s3xml.ObjectEntry;
import proxy.s3xml.Owner;
import proxy.s3xml.S3XmlWriter;

/**
 * ListObjects V1 and V2 over the virtual bucket, filtered per principal ({@link BucketWalker}). V2 continues from a
 * sealed {@link ContinuationTokens} cursor; V1 from its marker, which is the last entry of the previous page, or a
 * sealed cursor after a page that stopped at the store-page budget.
 */
final class ListingOperations {
    /** The owner shown for objects (the proxy owns the virtual bucket). */
    private static final Owner OWNER = new Owner("delta-s3-proxy", "delta-s3-proxy");

    /** The audit reason of a listing on visible tables: what it shows is filtered by the principal's grants. */
    static final String FILTERED = "listing filtered";

    private final String bucket;
    private final TableDirectory directory;
    private final BucketWalker walker;
    private final ContinuationTokens tokens;

    ListingOperations(String bucket, TableDirectory directory, ContinuationTokens tokens) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.walker = new BucketWalker(directory);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** The alias a listing prefix is confined to ({@code trades/MIC=XLON/} is {@code trades}), or null. */
    static String aliasOf(String prefix) {
        int slash = prefix.indexOf('/');
        return slash < 0 ? null : prefix.substring(0, slash);
    }

    Outcome v2(ListParams params, Principal principal, ResponseWriter reply) {
        audit(params, principal, reply);
        var binding = binding(params, principal);
        Optional<ListCursor> from = params.continuationToken().map(t -> tokens.open(t, binding));
        ListingResult found = walk(params, principal, from.map(ListCursor::after).or(params::startAfter));
        Optional<String> next = found.next().map(cursor -> tokens.seal(cursor, binding));
        var result = new ListObjectsV2Result(bucket, params.prefix(), params.delimiter(), params.maxKeys(),
                next.isPresent(), params.continuationToken(), next, params.startAfter(), params.urlEncoded(),
                entries(found, params.fetchOwner()), found.prefixes());
        reply.xml(200, S3XmlWriter.listObjectsV2(result));
        return Outcome.ANSWERED;
    }

    /**
     * V1: resumes from {@code marker}, a key to start after or a sealed cursor
     * ({@link ContinuationTokens#MARKER_PREFIX}). A truncated page sends NextMarker only when a delimiter was
     * given, as AWS documents (without one, clients continue from the last key of the page), and then its last
     * entry; and, with or without a delimiter, a sealed cursor when the walk stopped at the store-page budget
     * before it filled the page, since the key it stopped at may be hidden from the principal and must not be
     * named.
     */
    Outcome v1(ListParams params, Principal principal, ResponseWriter reply) {
        audit(params, principal, reply);
        var binding = binding(params, principal);
        Optional<ListCursor> from = params.startAfter().flatMap(m -> tokens.openMarker(m, binding));
        ListingResult found = walk(params, principal, from.map(ListCursor::after).or(params::startAfter));
        boolean stoppedEarly = found.next().isPresent() && !found.full();
        Optional<String> next = stoppedEarly ? found.next().map(cursor -> tokens.sealMarker(cursor, binding))
                : found.next().flatMap(cursor -> params.delimiter().flatMap(d -> found.last()));
        var result = new ListObjectsV1Result(bucket, params.prefix(), params.startAfter().orElse(""), next,
                params.delimiter(), params.maxKeys(), found.next().isPresent(), params.urlEncoded(),
                entries(found, true), found.prefixes());
        reply.xml(200, S3XmlWriter.listObjectsV1(result));
        return Outcome.ANSWERED;
    }

    private static ContinuationTokens.Binding binding(ListParams params, Principal principal) {
        return new ContinuationTokens.Binding(principal.name(), params.prefix(), params.delimiter());
    }

    /**
     * A listing confined to one alias is allowed (and filtered) when the principal sees that table, denied (an
     * empty listing) when not; a listing across aliases is allowed and filtered table by table.
     */
    private void audit(ListParams params, Principal principal, ResponseWriter reply) {
        String alias = aliasOf(params.prefix());
        boolean visible = alias == null || directory.visible(principal, alias).isPresent();
        reply.audit().decided(visible ? Decision.allow(FILTERED) : Decision.deny(TableDirectory.NOT_VISIBLE));
    }

    private ListingResult walk(ListParams params, Principal principal, Optional<String> after) {
        if (params.maxKeys() == 0) {
            return ListingResult.EMPTY;
        }
        return walker.walk(principal, new BucketWalker.Walk(params.prefix(), params.delimiter(), after,
                params.maxKeys()));
    }

    private static List<ObjectEntry> entries(ListingResult found, boolean withOwner) {
        return found.objects().stream()
                .map(o -> new ObjectEntry(o.key(), o.lastModified(), o.etag(), o.size(),
                        withOwner ? Optional.of(OWNER) : Optional.empty()))
                .toList();
    }
}
