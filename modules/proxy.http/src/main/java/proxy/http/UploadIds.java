package proxy.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import proxy.api.config.Secret;

/**
 * The upload ids the proxy hands out for multipart uploads: the backend's upload id bound to its initiator, table and
 * key by HMAC-SHA256 under {@code writes.provenanceKey} ({@code base64url(backend id).hex(mac)}). Every later step
 * (UploadPart, Complete, Abort, ListParts) must present an id that verifies for the caller, the table and the key, so
 * an upload is visible to and completable by its initiator only, and replicas need no shared state. Thread-safe.
 */
final class UploadIds {
    private final SecretKeySpec key;

    UploadIds(Secret key) {
        this.key = new SecretKeySpec(Objects.requireNonNull(key, "key").reveal().getBytes(StandardCharsets.UTF_8),
                "HmacSHA256");
    }

    /** The id to give the initiator of a backend upload. */
    String issue(String table, String objectKey, String initiator, String backendId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(backendId.getBytes(StandardCharsets.UTF_8))
                + '.' + mac(table, objectKey, initiator, backendId);
    }

    /**
     * The backend upload id of an id the proxy issued to {@code caller} for this table and key.
     *
     * @return empty when the id is malformed or was issued to another principal, table or key
     */
    Optional<String> open(String uploadId, String table, String objectKey, String caller) {
        int dot = uploadId.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String backendId;
        try {
            backendId = new String(Base64.getUrlDecoder().decode(uploadId.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = mac(table, objectKey, caller, backendId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, uploadId.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))
                ? Optional.of(backendId) : Optional.empty();
    }

    private String mac(String table, String objectKey, String initiator, String backendId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String text = String.join("\n", "delta-proxy-upload-v1", table, objectKey, initiator, backendId);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
