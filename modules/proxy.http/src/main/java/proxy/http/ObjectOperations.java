package proxy.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import proxy.api.HttpDate;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.audit.AuditEvent.Routing;
import proxy.api.auth.Principal;
import proxy.api.config.GetMode;
import proxy.api.config.ProxyConfig;
import proxy.api.delta.FileClass;
import proxy.api.delta.LogNames;
import proxy.api.metrics.ProxyMetrics.Outcome;
import proxy.api.policy.Decision;
import proxy.api.policy.ReadableBytes;
import proxy.api.policy.WriteScope;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;

/**
 * GetObject and HeadObject. Authorization happens before any backend call for the object; a key that is not
 * readable answers 403 whether or not it exists, and so does every key of an unknown or invisible alias.
 */
final class ObjectOperations {
    private static final System.Logger LOG = System.getLogger(ObjectOperations.class.getName());

    private final TableDirectory directory;
    private final GetMode getMode;
    private final boolean proxyPartial;
    private final Duration presignTtl;

    private final OwnUploads ownUploads;

    /** Whether a key holds a principal's own upload that no commit references yet (with writes on). */
    @FunctionalInterface
    interface OwnUploads {
        boolean test(Principal principal, Table table, String key);
    }

    /** @param ownUploads answers for keys the log does not reference in a partition the principal may write */
    ObjectOperations(TableDirectory directory, ProxyConfig config, OwnUploads ownUploads) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.ownUploads = Objects.requireNonNull(ownUploads, "ownUploads");
        this.getMode = config.backend().getMode();
        this.proxyPartial = config.backend().proxyPartial();
        this.presignTtl = Duration.ofSeconds(config.backend().presignTtlSeconds());
    }

    /**
     * Redirects to a presigned URL or streams the object (or its range), as {@link #routing} decides; the choice
     * is recorded in the audit facts.
     *
     * @param client what is known of the client's handling of a 307 (for {@code getMode: auto})
     */
    Outcome get(S3Request.GetObject request, Principal principal, RedirectFollowers.Client client, ResponseWriter reply)
            throws ResponseAbortedException {
        Readable read = authorize(principal, request.key(), false, reply);
        Table table = read.table();
        String key = request.key().relative();
        requireReadable(read.decision(), request.range(), () -> table.store().head(key).size(), reply);
        Routing routing = read.decision().readable().whole() ? routing(key, request.range(), client)
                : Routing.STREAM_RESTRICTED;
        if (routing.redirects()) {
            Optional<URI> location = table.store().presignGet(key, presignTtl);
            if (location.isPresent()) {
                reply.audit().routed(routing);
                reply.redirect(location.get());
                return Outcome.REDIRECTED;
            }
            routing = Routing.STREAM_NO_PRESIGN;
        }
        reply.audit().routed(routing);
        try (ObjectContent content = open(store(principal, table, key), request, read.decision(), reply)) {
            entityHeaders(reply, seen(read.decision(), content.meta()));
            content.range().ifPresent(r -> reply.header("Content-Range", r.contentRange()));
            reply.stream(content.range().isPresent() ? 206 : 200, content.length(), body(read.decision(), content));
        } catch (ResponseAbortedException e) {
            throw e;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the backend body of a GetObject failed", e);
        }
        return Outcome.PROXIED;
    }

    /** The body to send: the store's, or for a partly readable object, the store's with unreadable bytes zeroed. */
    private static java.io.InputStream body(Decision decision, ObjectContent content) {
        if (decision.readable().whole()) {
            return content.body();
        }
        long first = content.range().map(ByteRange.Resolved::first).orElse(0L);
        return new MaskedBody(content.body(), first, decision.readable().runs());
    }

    /**
     * Opens the object; a 304 gets the object's ETag and Last-Modified as S3 sends them (one extra HEAD, only on
     * that path). The conditions of a read of a partly readable object are checked here against its
     * {@link ZeroedEtag}, the one the principal was shown, not by the store against the object's own.
     */
    private static ObjectContent open(ObjectStore store, S3Request.GetObject request, Decision decision,
                                      ResponseWriter reply) {
        String key = request.key().relative();
        if (!decision.readable().whole()) {
            ObjectContent content = store.get(key, request.range(), Conditions.NONE);
            ObjectMeta seen = seen(decision, content.meta());
            try {
                request.conditions().check(seen);
            } catch (S3Exception e) {
                closeQuietly(content, e);
                if (e.code() == S3ErrorCode.NOT_MODIFIED) {
                    entityHeaders(reply, seen);
                }
                throw e;
            }
            return content;
        }
        try {
            return store.get(key, request.range(), request.conditions());
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NOT_MODIFIED) {
                try {
                    entityHeaders(reply, store.head(key));
                } catch (S3Exception headFailed) {
                    e.addSuppressed(headFailed);
                }
            }
            throw e;
        }
    }

    /** The metadata a principal sees: the object's, with a {@link ZeroedEtag} where only some bytes are readable. */
    private static ObjectMeta seen(Decision decision, ObjectMeta meta) {
        return decision.readable().whole() ? meta : ZeroedEtag.of(meta, decision.readable());
    }

    private static void closeQuietly(ObjectContent content, S3Exception primary) {
        try {
            content.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** The headers of the GET, without the body; conditions and Range are honoured as for GET. */
    Outcome head(S3Request.HeadObject request, Principal principal, ResponseWriter reply) {
        Readable read = authorize(principal, request.key(), true, reply);
        String key = request.key().relative();
        ObjectMeta meta = seen(read.decision(), store(principal, read.table(), key).head(key));
        if (request.range().isPresent()) {
            requireReadable(read.decision(), request.range(), meta::size, reply);
        }
        entityHeaders(reply, meta);
        request.conditions().check(meta);
        if (request.range().isPresent()) {
            ByteRange.Resolved range = request.range().get().resolve(meta.size());
            reply.header("Content-Range", range.contentRange());
            reply.headersOnly(206, range.length());
        } else {
            reply.headersOnly(200, meta.size());
        }
        return Outcome.ANSWERED;
    }

    /**
     * Checks the request's range against the decision: any range (or none) of a wholly readable object may be read;
     * of a partly readable one, only a range whose first byte is readable (its other bytes are then zeroed, see
     * {@link MaskedBody}). A HEAD without a range is not checked here: it reveals the size only, which a principal
     * that may read part of the object may know.
     *
     * @param size the object's size, asked only to place a suffix range within a partly readable object
     * @throws S3Exception AccessDenied, as for any unreadable key, for a partly readable object read without a range
     *                     or from a byte outside the readable runs
     */
    private static void requireReadable(Decision decision, Optional<ByteRange> asked, LongSupplier size,
                                        ResponseWriter reply) {
        ReadableBytes readable = decision.readable();
        if (readable.whole()) {
            return;
        }
        if (asked.isEmpty() || !readable.startsReadable(asked.get(), size)) {
            reply.audit().decided(Decision.deny(asked.isEmpty()
                    ? "whole object asked, only some of its bytes are readable (" + decision.reason() + ")"
                    : "range starts outside the readable bytes (" + decision.reason() + ")"));
            throw S3Exception.accessDenied();
        }
    }

    /**
     * Where a readable key's bytes come from: the table's store, or for a key under {@code _delta_log/} of a
     * principal whose log is filtered, the index's filtered view (never presigned: log keys are always streamed).
     */
    private ObjectStore store(Principal principal, Table table, String key) {
        if (!LogNames.inLog(key)) {
            return table.store();
        }
        return directory.authorizer().listingFilter(principal, table).filteredLog()
                .map(grant -> table.index().filteredLog(grant))
                .orElse(table.store());
    }

    /**
     * {@code proxy} streams everything; otherwise {@code _delta_log/} objects are always streamed, and ranged GETs
     * too when {@code proxyPartial}; {@code presignedUrl} redirects the rest, {@code auto} only for clients known
     * to follow a 307 correctly or that opted in.
     */
    private Routing routing(String key, Optional<ByteRange> range, RedirectFollowers.Client client) {
        if (getMode == GetMode.PROXY) {
            return Routing.STREAM_CONFIGURED;
        }
        if (LogNames.inLog(key)) {
            return Routing.STREAM_DELTA_LOG;
        }
        if (range.isPresent() && proxyPartial) {
            return Routing.STREAM_PARTIAL;
        }
        if (getMode == GetMode.PRESIGNED_URL) {
            return Routing.REDIRECT_CONFIGURED;
        }
        return switch (client) {
            case FOLLOWS -> Routing.REDIRECT_CLIENT;
            case OPTED_IN -> Routing.REDIRECT_OPT_IN;
            case UNKNOWN -> Routing.STREAM_CLIENT;
        };
    }

    /**
     * The table of a readable key, with the decision that allowed it.
     *
     * @throws S3Exception NoSuchKey for a key that cannot name a file (the alias itself, a "directory"; the same
     *                     answer for every alias) and for a refused key that is a prefix the principal's listing
     *                     shows ({@code alias/_delta_log}: S3A and Delta probe directories that way, and S3 answers
     *                     404 there; the listing already told this principal the prefix exists) and for a foreign
     *                     object under {@code _delta_log/} of a visible table (not part of the log, so absent, as
     *                     from listings) and for a key the log does not reference in a partition the principal
     *                     may write, unless a HEAD asks for the principal's own upload, which is then stated
     *                     (Delta states each file it wrote before committing it; its bytes stay unreadable to all
     *                     until a commit references it), AccessDenied for an unknown or invisible alias and for
     *                     every other key the principal may not read
     * @param head    whether the request is a HEAD (only a HEAD may state an own uncommitted upload)
     */
    private Readable authorize(Principal principal, ObjectKey key, boolean head, ResponseWriter reply) {
        if (!key.namesFile()) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
        }
        Optional<Table> visible = directory.visible(principal, key.alias());
        if (visible.isEmpty()) {
            reply.audit().decided(Decision.deny(TableDirectory.NOT_VISIBLE));
            throw S3Exception.accessDenied();
        }
        Table table = visible.get();
        Decision decision = directory.authorizer().decideRead(principal, table, key.relative());
        reply.audit().decided(decision);
        if (!decision.allowed()) {
            LOG.log(Level.DEBUG, () -> "denied " + principal.name() + " on " + table.alias() + ": "
                    + decision.reason());
            if (LogNames.inLog(key.relative())
                    || directory.authorizer().listingFilter(principal, table).showsPrefix(key.relative() + "/")) {
                throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
            }
            if (uncommittedWritable(principal, table, key.relative())) {
                if (head && ownUploads.test(principal, table, key.relative())) {
                    Decision own = Decision.allow("own upload, not committed yet");
                    reply.audit().decided(own);
                    return new Readable(table, own);
                }
                throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
            }
            throw S3Exception.accessDenied();
        }
        return new Readable(table, decision);
    }

    /** A readable key's table and the decision that allowed it (which may open only some bytes). */
    private record Readable(Table table, Decision decision) {
    }

    /**
     * Whether the key is one the log does not reference, in a partition the principal may write: such a key answers
     * 404 whether or not another principal's upload exists there, so that a writer's "does it exist" probe before a
     * create (S3A, Hadoop output streams) proceeds, and the principal's own upload only to that principal (what
     * Delta's {@code getFileStatus} after writing a file needs); everyone else's uploads stay unreadable.
     */
    private boolean uncommittedWritable(Principal principal, Table table, String key) {
        WriteScope scope = directory.authorizer().writeScope(principal, table);
        if (scope.isEmpty() || !(table.index().lookup(key) instanceof FileClass.Unknown)) {
            return false;
        }
        try {
            return PartitionPath.deletionVector(key) || scope.covering(PartitionPath.of(key)) != null;
        } catch (S3Exception malformed) {
            return false;
        }
    }

    private static void entityHeaders(ResponseWriter reply, ObjectMeta meta) {
        reply.header("ETag", meta.etag())
                .header("Last-Modified", HttpDate.format(meta.lastModified()))
                .header("Content-Type", meta.contentType())
                .header("Accept-Ranges", "bytes");
    }
}
