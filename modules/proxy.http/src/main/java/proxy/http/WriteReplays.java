package proxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;

/**
 * Tells a retried create from a lost race. Networks lose answers and clients retry; a retry of a create that was
 * written meets its own object and, answered {@code 412}, would tell a Delta writer that it lost the race for a
 * version it won (it would commit its actions again as the next version). A refused create is a replay when the
 * object at the key carries a valid record naming the same principal (a data file's {@link Provenance} record, a
 * commit's {@link Provenance#commitRecord}) and holds exactly the bytes sent now (same length and SHA-256); it is
 * then answered as written, with the stored object's entity tag. Anything else stays {@code 412}.
 *
 * <p>No oracle: the bytes are compared only for an object whose record names the caller, who wrote them; for
 * anyone else's object the answer is the {@code 412} it was, decided from the record alone. A failure while
 * reading the stored object propagates (a {@code 5xx} the client retries) rather than a {@code 412} that could be
 * wrong.
 */
final class WriteReplays {
    private final Provenance provenance;

    WriteReplays(Provenance provenance) {
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** The stored data file when it is the principal's own upload of exactly this body. */
    Optional<ObjectMeta> dataFile(Table table, String key, String principal, UploadBody body) {
        return replay(table, key, principal, body, (alias, metadata) -> provenance.verify(alias, key, metadata)
                .flatMap(values -> provenance.writer(metadata)));
    }

    /** The stored commit when the principal created it with exactly this body. */
    Optional<ObjectMeta> commit(Table table, String key, String principal, UploadBody body) {
        return replay(table, key, principal, body, (alias, metadata) -> provenance.committer(alias, key, metadata));
    }

    private static Optional<ObjectMeta> replay(Table table, String key, String principal, UploadBody body,
                                               BiFunction<String, Map<String, String>, Optional<String>> writer) {
        Optional<Map<String, String>> metadata = Provenance.metadataOf(table, key);
        if (metadata.flatMap(m -> writer.apply(table.alias(), m)).filter(principal::equals).isEmpty()) {
            return Optional.empty();
        }
        try (ObjectContent stored = table.store().get(key, Optional.empty(), Conditions.NONE)) {
            if (stored.length() != body.length()) {
                return Optional.empty();
            }
            return MessageDigest.isEqual(sha256(stored.body()), body.sha256()) ? Optional.of(stored.meta())
                    : Optional.empty();
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e);
        }
    }

    private static byte[] sha256(InputStream in) throws IOException {
        try {
            var digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            digest.transferTo(java.io.OutputStream.nullOutputStream());
            return digest.getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
