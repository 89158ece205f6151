package proxy.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * Opaque, tamper-proof ListObjectsV2 continuation tokens: {@code base64url(cursor) "." base64url(HMAC-SHA256)}.
 * The MAC covers the cursor and the request it belongs to (principal, prefix, delimiter), so a token cannot be
 * forged, edited, or replayed with another prefix or by another principal.
 *
 * <p>The key is random per instance (per server process): tokens do not survive a restart, and a client holding
 * one then gets 400 InvalidArgument and restarts its listing.
 */
final class ContinuationTokens {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    ContinuationTokens() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The request a token is bound to. */
    record Binding(String principal, String prefix, Optional<String> delimiter) {
    }

    /** Seals a cursor for the given request. */
    String seal(ListCursor cursor, Binding binding) {
        byte[] payload = payload(cursor);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload, binding));
    }

    /**
     * Opens a token sent with the given request.
     *
     * @throws S3Exception InvalidArgument for a malformed, forged, edited or foreign token
     */
    ListCursor open(String token, Binding binding) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw invalid();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] mac = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, mac(payload, binding))) {
                throw invalid();
            }
            var in = new DataInputStream(new ByteArrayInputStream(payload));
            String alias = in.readUTF();
            Optional<String> storeToken = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
            return new ListCursor(alias, storeToken);
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    private static byte[] payload(ListCursor cursor) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(cursor.alias());
            out.writeBoolean(cursor.storeToken().isPresent());
            if (cursor.storeToken().isPresent()) {
                out.writeUTF(cursor.storeToken().get());
            }
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e);
        }
        return bytes.toByteArray();
    }

    private byte[] mac(byte[] payload, Binding binding) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(payload);
            for (String part : new String[] {binding.principal(), binding.prefix(),
                    binding.delimiter().map(d -> "D" + d).orElse("N")}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                        (byte) (bytes.length >>> 8), (byte) bytes.length});
                mac.update(bytes);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static S3Exception invalid() {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
}
