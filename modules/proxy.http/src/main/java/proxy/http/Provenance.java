package proxy.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.config.Secret;

/**
 * The record the proxy stores on every object it uploads (as user metadata, so every replica can read it with no
 * shared state): who uploaded it and for which partition directories, signed with HMAC-SHA256 under
 * {@code writes.provenanceKey} over the table, the key, the writer and the directories. A commit may add a new file
 * only when its record verifies and names the partition values the commit claims; an object written any other way
 * (directly on the backend, or by a client that sent {@code x-amz-meta-delta-proxy-*} headers, which the proxy never
 * stores) has no valid record.
 *
 * <p>Commits carry a record of their own (the writer alone, signed under another label, so it can never pass for a
 * data file's record): it lets a retried commit be told from a lost race ({@link WriteReplays}). Thread-safe.
 */
final class Provenance {
    static final String WRITER = "delta-proxy-writer";
    static final String PARTITION = "delta-proxy-partition";
    static final String SIGNATURE = "delta-proxy-signature";

    private final SecretKeySpec key;

    Provenance(Secret key) {
        this.key = new SecretKeySpec(Objects.requireNonNull(key, "key").reveal().getBytes(StandardCharsets.UTF_8),
                "HmacSHA256");
    }

    /** The metadata to store with an object the writer uploads. */
    Map<String, String> record(String table, String objectKey, String writer) {
        String directories = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(PartitionPath.directories(objectKey).getBytes(StandardCharsets.UTF_8));
        String writerText = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(writer.getBytes(StandardCharsets.UTF_8));
        return Map.of(WRITER, writerText, PARTITION, directories,
                SIGNATURE, sign(table, objectKey, writerText, directories));
    }

    /**
     * The partition values an object's record declares, when the record verifies for this table and key.
     *
     * @return empty for an object without a record or with one that does not verify
     */
    Optional<Map<String, String>> verify(String table, String objectKey, Map<String, String> metadata) {
        String writer = metadata.get(WRITER);
        String directories = metadata.get(PARTITION);
        String signature = metadata.get(SIGNATURE);
        if (writer == null || directories == null || signature == null) {
            return Optional.empty();
        }
        byte[] expected = sign(table, objectKey, writer, directories).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getUrlDecoder().decode(directories), StandardCharsets.UTF_8);
        if (!decoded.equals(PartitionPath.directories(objectKey))) {
            return Optional.empty();
        }
        return Optional.of(PartitionPath.of(objectKey));
    }

    /** The metadata to store with a commit the writer creates. */
    Map<String, String> commitRecord(String table, String objectKey, String writer) {
        String writerText = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(writer.getBytes(StandardCharsets.UTF_8));
        return Map.of(WRITER, writerText, SIGNATURE, signCommit(table, objectKey, writerText));
    }

    /**
     * The writer of a commit, when its record verifies for this table and key.
     *
     * @return empty for a commit without a record (written around the proxy, or before records were kept) or with
     *         one that does not verify
     */
    Optional<String> committer(String table, String objectKey, Map<String, String> metadata) {
        String writer = metadata.get(WRITER);
        String signature = metadata.get(SIGNATURE);
        if (writer == null || signature == null || metadata.containsKey(PARTITION)) {
            return Optional.empty();
        }
        byte[] expected = signCommit(table, objectKey, writer).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return writer(metadata);
    }

    /** The writer a record names; call only on metadata whose record {@link #verify verified}. */
    Optional<String> writer(Map<String, String> metadata) {
        return Optional.ofNullable(metadata.get(WRITER))
                .map(w -> new String(Base64.getUrlDecoder().decode(w), StandardCharsets.UTF_8));
    }

    /** The partition values of an object of the table uploaded through the proxy, when its record verifies. */
    Optional<Map<String, String>> uploaded(Table table, String objectKey) {
        return metadataOf(table, objectKey).flatMap(m -> verify(table.alias(), objectKey, m));
    }

    /** Who uploaded an object of the table through the proxy, when its record verifies. */
    Optional<String> uploader(Table table, String objectKey) {
        return metadataOf(table, objectKey).flatMap(m -> verify(table.alias(), objectKey, m).flatMap(p -> writer(m)));
    }

    /** The object's user metadata, or empty when the key does not exist. */
    static Optional<Map<String, String>> metadataOf(Table table, String objectKey) {
        try {
            return Optional.of(table.store().metadata(objectKey));
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NO_SUCH_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String sign(String table, String objectKey, String writer, String directories) {
        return mac(String.join("\n", "delta-proxy-provenance-v1", table, objectKey, writer, directories));
    }

    private String signCommit(String table, String objectKey, String writer) {
        return mac(String.join("\n", "delta-proxy-commit-v1", table, objectKey, writer));
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
