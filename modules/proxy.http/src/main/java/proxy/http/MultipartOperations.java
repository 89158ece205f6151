package proxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.Authentication;
import proxy.api.auth.HttpRequestView;
import proxy.api.config.WriteConfig;
import proxy.api.metrics.ProxyMetrics.Outcome;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.UploadedPart;
import proxy.s3xml.MultipartXml;

/**
 * Multipart uploads of data files, under the rules of PutObject ({@link WriteOperations#dataFile}): every step is
 * authorized afresh against the caller's write grants, the upload id must be one the proxy issued to the caller for
 * this table and key ({@link UploadIds}; otherwise 403 AccessDenied, nothing read or written), the provenance record
 * is given at creation so the completed object carries it, and completion is a conditional create (412 when the key
 * exists), except that a replayed completion of an upload the store already assembled into the key from the same
 * parts answers 200 as S3 does ({@link ObjectStore#completeMultipart}, {@link ObjectStore#completedMultipart}).
 * Parts and the whole object are bounded by {@code writes.maxObjectBytes}.
 */
final class MultipartOperations {
    private static final long MAX_COMPLETION_BODY = 1 << 20;

    private final WriteOperations writes;
    private final WriteConfig config;
    private final UploadIds ids;
    private final String bucket;

    MultipartOperations(WriteOperations writes, WriteConfig config, UploadIds ids, String bucket) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.config = Objects.requireNonNull(config, "config");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** Acts on one step of an upload. */
    Outcome handle(S3Request.Multipart request, Authentication caller, HttpRequestView view, ResponseWriter reply) {
        reply.audit().writes("data");
        String principal = caller.principal().name();
        WriteOperations.Target target = writes.dataFile(caller.principal(), request.key(), reply);
        String alias = target.table().alias();
        String key = request.key().relative();
        ObjectStore store = target.table().store();
        if (request.step() == S3Request.Multipart.Step.CREATE) {
            String backendId = store.createMultipart(key, "application/octet-stream",
                    writes.provenance().record(alias, key, principal));
            reply.xml(200, MultipartXml.initiated(bucket, fullKey(request), ids.issue(alias, key, principal,
                    backendId)));
            return Outcome.ANSWERED;
        }
        String backendId = ids.open(request.uploadId(), alias, key, principal).orElseThrow(
                () -> WriteOperations.deny(reply, "an upload id not issued to this principal for this key"));
        return switch (request.step()) {
            case CREATE -> throw new IllegalStateException("handled above");
            case UPLOAD_PART -> uploadPart(store, key, backendId, request.partNumber(), caller, view, reply);
            case COMPLETE -> complete(store, request, backendId, caller, view, reply);
            case ABORT -> {
                store.abortMultipart(key, backendId);
                reply.empty(204);
                yield Outcome.ANSWERED;
            }
            case LIST_PARTS -> {
                var parts = store.listParts(key, backendId).stream()
                        .map(p -> new MultipartXml.PartEntry(p.number(), p.etag(), p.size())).toList();
                reply.xml(200, MultipartXml.parts(bucket, fullKey(request), request.uploadId(), parts));
                yield Outcome.ANSWERED;
            }
        };
    }

    private Outcome uploadPart(ObjectStore store, String key, String backendId, int number, Authentication caller,
                               HttpRequestView view, ResponseWriter reply) {
        long length = UploadBody.declaredLength(view, config.maxObjectBytes());
        try (UploadBody body = UploadBody.read(view, caller.chunks(), reply.requestBody(), length, false);
             InputStream in = body.open()) {
            String etag = store.uploadPart(key, backendId, number, in, length);
            reply.audit().stored(length);
            reply.header("ETag", etag);
            reply.empty(200);
            return Outcome.ANSWERED;
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e);
        }
    }

    /** Assembles the listed parts, each of which must have been uploaded with the entity tag given. */
    private Outcome complete(ObjectStore store, S3Request.Multipart request, String backendId, Authentication caller,
                             HttpRequestView view, ResponseWriter reply) {
        String key = request.key().relative();
        List<CompletionParts.Requested> requested;
        long length = UploadBody.declaredLength(view, MAX_COMPLETION_BODY);
        try (UploadBody body = UploadBody.read(view, caller.chunks(), reply.requestBody(), length, true)) {
            requested = CompletionParts.parse(body.bytes());
        }
        List<UploadedPart> parts;
        try {
            parts = uploadedParts(store, key, backendId, requested);
        } catch (S3Exception e) {
            if (e.code() != S3ErrorCode.NO_SUCH_UPLOAD && e.code() != S3ErrorCode.INVALID_PART) {
                throw e;
            }
            // The upload may be gone, or listed empty, because it was completed: by this very request, replayed.
            List<UploadedPart> listed = requested.stream()
                    .map(p -> new UploadedPart(p.number(), '"' + p.etag() + '"', 0)).toList();
            return completed(request, store.completedMultipart(key, backendId, listed).orElseThrow(() -> e), 0,
                    reply);
        }
        long size = parts.stream().mapToLong(UploadedPart::size).sum();
        if (size > config.maxObjectBytes()) {
            throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed"
                    + " size of " + config.maxObjectBytes() + " bytes.");
        }
        return completed(request, store.completeMultipart(key, backendId, parts), size, reply);
    }

    /**
     * The uploaded parts the completion lists, each with the entity tag given.
     *
     * @throws S3Exception NoSuchUpload, InvalidPart
     */
    private static List<UploadedPart> uploadedParts(ObjectStore store, String key, String backendId,
                                                    List<CompletionParts.Requested> requested) {
        Map<Integer, UploadedPart> uploaded = store.listParts(key, backendId).stream()
                .collect(Collectors.toMap(UploadedPart::number, Function.identity()));
        List<UploadedPart> parts = new ArrayList<>();
        for (CompletionParts.Requested part : requested) {
            UploadedPart found = uploaded.get(part.number());
            if (found == null || !CompletionParts.unquote(found.etag()).equals(part.etag())) {
                throw new S3Exception(S3ErrorCode.INVALID_PART);
            }
            parts.add(found);
        }
        return parts;
    }

    private Outcome completed(S3Request.Multipart request, ObjectMeta meta, long stored, ResponseWriter reply) {
        reply.audit().stored(stored);
        reply.xml(200, MultipartXml.completed("/" + bucket + "/" + fullKey(request), bucket, fullKey(request),
                meta.etag()));
        return Outcome.ANSWERED;
    }

    private static String fullKey(S3Request.Multipart request) {
        return request.key().full();
    }
}
