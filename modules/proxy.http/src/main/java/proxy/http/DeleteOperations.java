package proxy.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.auth.Authentication;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.Principal;
import proxy.api.delta.DeleteVerdict;
import proxy.api.metrics.ProxyMetrics.Outcome;
import proxy.api.policy.Decision;
import proxy.s3xml.MultiDeleteXml;

/**
 * DeleteObject and DeleteObjects ({@code POST ?delete}, the bulk delete S3A and Spark use) with {@code readOnly:
 * false}. Each key is judged on its own: the table's index decides files the log references and log objects
 * ({@link proxy.api.delta.TableIndex#checkDeletes}: what VACUUM and Delta's log cleanup delete); a key the log does
 * not reference may be deleted only when it is the caller's own upload (a valid provenance record naming it) in
 * partition directories its write grants cover, or a deletion-vector file it uploaded. Every refusal answers
 * {@code AccessDenied} alike, whether the key exists, is live, or lies in another partition; nothing is deleted
 * before every key of the request has been judged. Each key's decision and reason is audited and counted as a
 * {@code delete} write.
 */
final class DeleteOperations {
    /** A {@code Delete} document of 1,000 keys of 1,024 bytes with XML escapes fits easily. */
    private static final long MAX_BODY = 8L << 20;
    private static final String NOT_OWN_UPLOAD = "a key the log does not reference, not an upload of this principal"
            + " in its write grants";

    private final TableDirectory directory;
    private final Provenance provenance;

    DeleteOperations(TableDirectory directory, Provenance provenance) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** DeleteObject: 204 when deleted, else AccessDenied. */
    Outcome delete(S3Request.DeleteObject request, Principal principal, ResponseWriter reply) {
        reply.audit().writes("delete");
        ObjectKey key = request.key();
        Optional<WriteOperations.Target> target = key.namesFile() ? target(principal, key.alias()) : Optional.empty();
        Decision decision = target.isEmpty() ? Decision.deny("table not visible or no write grant on it")
                : judge(target.get(), principal, List.of(key.relative())).getFirst();
        reply.audit().decided(decision);
        if (!decision.allowed()) {
            throw S3Exception.accessDenied();
        }
        target.get().table().store().delete(key.relative());
        reply.empty(204);
        return Outcome.ANSWERED;
    }

    /** DeleteObjects: a {@code DeleteResult} with one {@code Deleted} or {@code Error} per key. */
    Outcome deleteObjects(Authentication caller, HttpRequestView view, ResponseWriter reply) {
        MultiDeleteXml.Request request;
        long length = UploadBody.declaredLength(view, MAX_BODY);
        try (UploadBody body = UploadBody.read(view, caller.chunks(), reply.requestBody(), length, true)) {
            request = MultiDeleteXml.parse(body.bytes());
        }
        Principal principal = caller.principal();
        Map<String, List<Integer>> byAlias = new LinkedHashMap<>();
        List<ObjectKey> keys = new ArrayList<>();
        MultiDeleteXml.Outcome[] outcomes = new MultiDeleteXml.Outcome[request.keys().size()];
        Decision[] decisions = new Decision[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            try {
                ObjectKey key = ObjectKey.of(request.keys().get(i));
                keys.add(key);
                byAlias.computeIfAbsent(key.alias(), a -> new ArrayList<>()).add(i);
            } catch (S3Exception e) {
                keys.add(null);
                outcomes[i] = error(request.keys().get(i), e.code());
            }
        }
        Map<Integer, WriteOperations.Target> targets = new LinkedHashMap<>();
        byAlias.forEach((alias, indexes) -> judgeTable(principal, alias, indexes, keys, decisions, targets));
        int deleted = 0;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = act(keys.get(i), decisions[i], targets.get(i), reply);
                deleted += outcomes[i].code() == null ? 1 : 0;
            }
        }
        reply.audit().decided(Decision.allow("each key judged on its own: " + deleted + " of " + outcomes.length
                + " deleted"));
        reply.xml(200, MultiDeleteXml.result(request.quiet(), List.of(outcomes)));
        return Outcome.ANSWERED;
    }

    /** Judges the keys of one alias (all refused when the table is invisible or the caller cannot write it). */
    private void judgeTable(Principal principal, String alias, List<Integer> indexes, List<ObjectKey> keys,
                            Decision[] decisions, Map<Integer, WriteOperations.Target> targets) {
        Optional<WriteOperations.Target> target = target(principal, alias);
        List<Integer> files = new ArrayList<>();
        for (int i : indexes) {
            if (target.isEmpty() || !keys.get(i).namesFile()) {
                decisions[i] = Decision.deny(target.isEmpty() ? "table not visible or no write grant on it"
                        : "not a file key");
            } else {
                files.add(i);
                targets.put(i, target.get());
            }
        }
        if (files.isEmpty()) {
            return;
        }
        List<Decision> judged = judge(target.get(), principal, files.stream().map(i -> keys.get(i).relative())
                .toList());
        for (int f = 0; f < files.size(); f++) {
            decisions[files.get(f)] = judged.get(f);
        }
    }

    /** Deletes one judged key of a bulk request and audits it. */
    private static MultiDeleteXml.Outcome act(ObjectKey key, Decision decision, WriteOperations.Target target,
                                              ResponseWriter reply) {
        if (!decision.allowed()) {
            reply.audit().item(key.alias(), key.full(), decision, S3ErrorCode.ACCESS_DENIED.code());
            return error(key.full(), S3ErrorCode.ACCESS_DENIED);
        }
        try {
            target.table().store().delete(key.relative());
            reply.audit().item(key.alias(), key.full(), decision, null);
            return MultiDeleteXml.Outcome.deleted(key.full());
        } catch (S3Exception e) {
            reply.audit().item(key.alias(), key.full(), decision, e.code().code());
            return error(key.full(), e.code());
        }
    }

    private static MultiDeleteXml.Outcome error(String key, S3ErrorCode code) {
        return new MultiDeleteXml.Outcome(key, code.code(), code.defaultMessage());
    }

    /** The index's verdicts, with the own-upload rule for keys the log does not reference. */
    private List<Decision> judge(WriteOperations.Target target, Principal principal, List<String> keys) {
        List<DeleteVerdict> verdicts = target.table().index().checkDeletes(keys, target.scope());
        List<Decision> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            DeleteVerdict v = verdicts.get(i);
            out.add(switch (v.kind()) {
                case ALLOWED -> Decision.allow("delete of " + v.reason());
                case DENIED -> Decision.deny(v.reason());
                case UNTRACKED -> ownUpload(target, principal, keys.get(i))
                        ? Decision.allow("delete of an own uncommitted upload") : Decision.deny(NOT_OWN_UPLOAD);
            });
        }
        return out;
    }

    /**
     * Whether a key the log does not reference is the principal's own upload in partition directories it may write
     * (a deletion-vector file: any it uploaded). Keys outside its write grants are refused without a backend call,
     * so the time taken tells nothing about other partitions.
     */
    private boolean ownUpload(WriteOperations.Target target, Principal principal, String key) {
        boolean writable = PartitionPath.deletionVector(key) || target.scope().covering(PartitionPath.of(key)) != null;
        if (!writable) {
            return false;
        }
        Table table = target.table();
        return provenance.uploader(table, key).filter(principal.name()::equals).isPresent();
    }

    private Optional<WriteOperations.Target> target(Principal principal, String alias) {
        return directory.visible(principal, alias).flatMap(t -> WriteOperations.writable(directory, principal, t));
    }
}
