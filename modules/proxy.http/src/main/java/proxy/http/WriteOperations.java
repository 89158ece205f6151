package proxy.http;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.auth.Authentication;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.Principal;
import proxy.api.config.WriteConfig;
import proxy.api.delta.CommitCheck;
import proxy.api.delta.LogNames;
import proxy.api.metrics.ProxyMetrics.Outcome;
import proxy.api.policy.Decision;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.WriteScope;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectMeta;

/**
 * PutObject (and, through {@link MultipartOperations} and {@link DeleteOperations}, multipart uploads and deletes)
 * with {@code readOnly: false}: every write is authorized against the principal's write
 * grants before a byte of its body is read, and nothing is ever overwritten (conditional creates), except
 * {@code _delta_log/_last_checkpoint} by a whole-table writer; an empty directory marker is accepted and not
 * stored. Data files get a signed {@link Provenance} record; commits are judged by the table's index ({@link proxy.api.delta.TableIndex#checkCommit}) and carry a signed
 * record of their writer. Refusals are 403 AccessDenied and recorded with their reason in the audit log. A create
 * refused because the key exists is answered as written when it replays the caller's own create of the same bytes
 * ({@link WriteReplays}).
 */
final class WriteOperations {
    private static final System.Logger LOG = System.getLogger(WriteOperations.class.getName());
    /** The ETag S3 gives an empty object (the MD5 of nothing). */
    private static final String EMPTY_ETAG = "\"d41d8cd98f00b204e9800998ecf8427e\"";

    private final TableDirectory directory;
    private final WriteConfig config;
    private final Provenance provenance;
    private final WriteReplays replays;
    private final MultipartOperations multipart;
    private final DeleteOperations deletes;

    /** @param bucket the bucket name clients address (for multipart answers) */
    WriteOperations(TableDirectory directory, WriteConfig config, String bucket) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.config = Objects.requireNonNull(config, "config");
        var key = config.provenanceKey().orElseThrow(
                () -> new IllegalArgumentException("writes.provenanceKey is required for writes"));
        this.provenance = new Provenance(key);
        this.replays = new WriteReplays(provenance);
        this.multipart = new MultipartOperations(this, config, new UploadIds(key), bucket);
        this.deletes = new DeleteOperations(directory, provenance);
    }

    /** A step of a multipart upload of a data file: see {@link MultipartOperations}. */
    Outcome multipart(S3Request.Multipart request, Authentication caller, HttpRequestView view, ResponseWriter reply) {
        return multipart.handle(request, caller, view, reply);
    }

    /** Writes a data file, a commit, or (whole-table writers) another log object. */
    Outcome put(S3Request.PutObject request, Authentication caller, HttpRequestView view, ResponseWriter reply) {
        Principal principal = caller.principal();
        if (!request.key().namesFile()) {
            return directoryMarker(request.key(), caller, view, reply);
        }
        String key = request.key().relative();
        if (LogNames.inLog(key)) {
            boolean commit = LogNames.parse(key).filter(n -> n.kind() == LogNames.Kind.COMMIT).isPresent();
            reply.audit().writes(commit ? "commit" : "log");
            return putLog(target(principal, request.key(), reply), key, caller, view, reply);
        }
        reply.audit().writes("data");
        Target target = dataFile(principal, request.key(), reply);
        long length = UploadBody.declaredLength(view, config.maxObjectBytes());
        try (UploadBody body = UploadBody.read(view, caller.chunks(), reply.requestBody(), length, false)) {
            Table table = target.table();
            try {
                return written(reply, store(target, key, body, provenance.record(table.alias(), key,
                        principal.name()), true));
            } catch (S3Exception e) {
                return replayed(reply, e, () -> replays.dataFile(table, key, principal.name(), body));
            }
        }
    }

    /**
     * Answers a refused create that replays the caller's own as written (the audit says so); rethrows
     * {@code refusal} otherwise.
     */
    private static Outcome replayed(ResponseWriter reply, S3Exception refusal,
                                    Supplier<Optional<ObjectMeta>> replayOf) {
        Optional<ObjectMeta> stored = refusal.code() == S3ErrorCode.PRECONDITION_FAILED ? replayOf.get()
                : Optional.empty();
        if (stored.isEmpty()) {
            throw refusal;
        }
        reply.audit().decided(Decision.allow("replay of the principal's own write of the same bytes"));
        reply.audit().stored(0);
        reply.header("ETag", stored.get().etag());
        reply.empty(200);
        return Outcome.ANSWERED;
    }

    /**
     * The table and write grants of a data file the principal may upload: outside {@code _delta_log/}, in partition
     * directories a write grant covers (any writer of the table for a deletion vector). The allowing decision is
     * recorded in the audit log.
     *
     * @throws S3Exception AccessDenied otherwise
     */
    Target dataFile(Principal principal, ObjectKey objectKey, ResponseWriter reply) {
        Target target = target(principal, objectKey, reply);
        String key = objectKey.relative();
        if (LogNames.inLog(key)) {
            throw deny(reply, "a log object cannot be uploaded in parts");
        }
        PartitionGrant grant = PartitionPath.deletionVector(key) ? target.scope().grants().getFirst()
                : target.scope().covering(PartitionPath.of(key));
        if (grant == null) {
            throw deny(reply, "data file of partition " + PartitionPath.of(key) + " outside the write grants");
        }
        reply.audit().decided(Decision.allow("write " + grant.source() + " " + grant.partition().values()));
        return target;
    }

    /**
     * An empty "directory" object ({@code alias/} or {@code alias/dir/}), which Hadoop's S3A writes for
     * {@code mkdirs} (Delta creates {@code _delta_log/_commits/} that way when it creates a table): accepted from a
     * writer of the table, and nothing is stored, because the proxy's listings show only what the log references
     * and a directory holds no data. Anything else is refused as any write is.
     *
     * @throws S3Exception AccessDenied without a write grant on the table, EntityTooLarge for a non-empty body
     */
    private Outcome directoryMarker(ObjectKey objectKey, Authentication caller, HttpRequestView view,
                                    ResponseWriter reply) {
        reply.audit().writes("data");
        writable(caller.principal(), objectKey.alias(), reply);
        long length = UploadBody.declaredLength(view, 0);
        UploadBody.read(view, caller.chunks(), reply.requestBody(), length, true).close(); // verified, empty
        reply.audit().decided(Decision.allow("empty directory marker of a writer: nothing stored"));
        reply.audit().stored(0);
        reply.header("ETag", EMPTY_ETAG);
        reply.empty(200);
        return Outcome.ANSWERED;
    }

    /** The signed records of uploads. */
    Provenance provenance() {
        return provenance;
    }

    private Outcome putLog(Target target, String key, Authentication caller, HttpRequestView view,
                           ResponseWriter reply) {
        Optional<LogNames.Name> name = LogNames.parse(key);
        if (name.isEmpty() || name.get().kind() == LogNames.Kind.STAGED_COMMIT) {
            throw deny(reply, "not a log object a writer may write");
        }
        if (name.get().kind() == LogNames.Kind.COMMIT) {
            return commit(target, key, name.get().version(), caller, view, reply);
        }
        if (!target.scope().wholeTable()) {
            throw deny(reply, name.get().kind() + " needs a write grant on the whole table");
        }
        reply.audit().decided(Decision.allow("write " + name.get().kind() + " by a whole-table grant"));
        long length = UploadBody.declaredLength(view, config.maxObjectBytes());
        try (UploadBody body = UploadBody.read(view, caller.chunks(), reply.requestBody(), length, false)) {
            return written(reply, store(target, key, body, Map.of(),
                    name.get().kind() != LogNames.Kind.LAST_CHECKPOINT));
        }
    }

    /** A commit: judged by the index against the version it follows, then created if absent. */
    private Outcome commit(Target target, String key, long version, Authentication caller, HttpRequestView view,
                           ResponseWriter reply) {
        long length = UploadBody.declaredLength(view, config.maxCommitBytes());
        String principal = caller.principal().name();
        try (UploadBody body = UploadBody.read(view, caller.chunks(), reply.requestBody(), length, true)) {
            Table table = target.table();
            try {
                table.index().checkCommit(version, body.bytes(),
                        new CommitCheck(target.scope(), k -> provenance.uploaded(table, k)));
            } catch (S3Exception e) {
                reply.audit().decided(Decision.deny(e.getMessage()));
                return replayed(reply, e, () -> replays.commit(table, key, principal, body));
            }
            reply.audit().decided(Decision.allow("commit " + version + " within the write grants of " + principal));
            ObjectMeta meta;
            try {
                meta = store(target, key, body, provenance.commitRecord(table.alias(), key, principal), true);
            } catch (S3Exception e) {
                return replayed(reply, e, () -> replays.commit(table, key, principal, body));
            }
            refreshQuietly(table);
            return written(reply, meta);
        }
    }

    /** DeleteObject: see {@link DeleteOperations}. */
    Outcome delete(S3Request.DeleteObject request, Principal principal, ResponseWriter reply) {
        return deletes.delete(request, principal, reply);
    }

    /** DeleteObjects ({@code POST ?delete}): see {@link DeleteOperations}. */
    Outcome deleteObjects(Authentication caller, HttpRequestView view, ResponseWriter reply) {
        return deletes.deleteObjects(caller, view, reply);
    }

    private ObjectMeta store(Target target, String key, UploadBody body, Map<String, String> metadata,
                             boolean ifAbsent) {
        return target.table().store().put(key, new NewObject(body::open, body.length(),
                key.endsWith(".json") ? "application/json" : "application/octet-stream", metadata, ifAbsent));
    }

    private static Outcome written(ResponseWriter reply, ObjectMeta meta) {
        reply.audit().stored(meta.size());
        reply.header("ETag", meta.etag());
        reply.empty(200);
        return Outcome.ANSWERED;
    }

    /**
     * Whether the key holds an upload through the proxy, not referenced by the log, by this principal (its
     * provenance record verifies and names it): what its uploader may HEAD (not GET) before the commit.
     */
    boolean uploadedBy(Principal principal, Table table, String key) {
        return !LogNames.inLog(key) && provenance.uploader(table, key).filter(principal.name()::equals).isPresent();
    }

    private static void refreshQuietly(Table table) {
        try {
            table.index().refresh();
        } catch (S3Exception e) {
            LOG.log(Level.WARNING, "refreshing " + table.alias() + " after a commit failed", e);
        }
    }

    /**
     * The table and write grants of a key the principal may write to.
     *
     * @throws S3Exception AccessDenied for a key that names no file, an invisible table, or no write grant
     */
    private Target target(Principal principal, ObjectKey key, ResponseWriter reply) {
        if (!key.namesFile()) {
            throw deny(reply, TableDirectory.NOT_VISIBLE);
        }
        return writable(principal, key.alias(), reply);
    }

    /** The table under {@code alias} and the principal's write grants on it; AccessDenied without any. */
    private Target writable(Principal principal, String alias, ResponseWriter reply) {
        Optional<Table> visible = directory.visible(principal, alias);
        if (visible.isEmpty()) {
            throw deny(reply, TableDirectory.NOT_VISIBLE);
        }
        return writable(directory, principal, visible.get())
                .orElseThrow(() -> deny(reply, "no write grant on the table"));
    }

    /** A visible table with the principal's write grants on it, or empty without any. */
    static Optional<Target> writable(TableDirectory directory, Principal principal, Table table) {
        WriteScope scope = directory.authorizer().writeScope(principal, table);
        return scope.isEmpty() ? Optional.empty() : Optional.of(new Target(table, scope));
    }

    static S3Exception deny(ResponseWriter reply, String reason) {
        reply.audit().decided(Decision.deny(reason));
        return S3Exception.accessDenied();
    }

    /** A writable table and the principal's write grants on it. */
    record Target(Table table, WriteScope scope) {
    }
}
