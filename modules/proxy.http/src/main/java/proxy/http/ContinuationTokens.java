package proxy.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * Opaque, tamper-proof listing cursors: {@code base64url(nonce || AES-256-GCM(cursor))}, with the request the cursor
 * belongs to (principal, prefix, delimiter) as the associated data, and the nonce derived from both
 * ({@code HMAC-SHA256(request, cursor)}, the synthetic-IV construction): sealing is deterministic, so the same
 * position of the same listing always gives the same token, and a page's token, like the rest of the page, is the
 * same whatever hidden objects the table holds. Distinct cursors get distinct nonces (a nonce is never reused
 * with another plaintext under the key); equal tokens reveal only that two positions are equal. A token cannot be
 * forged, edited, or replayed with another prefix or delimiter or by another principal. The cursor is encrypted, not only authenticated, because
 * after a page that stopped at the store-page budget inside a table's {@code _delta_log/} it names the last log
 * object read there, which may be a foreign file the principal is not shown.
 *
 * <p>ListObjects V2 sends a token as {@code NextContinuationToken}. ListObjects V1 sends it as {@code NextMarker}
 * behind {@link #MARKER_PREFIX}, when a request read its store-page budget without filling its page: a V1
 * marker is otherwise a key to start after, and the key where the walk stopped may be hidden from the principal.
 *
 * <p>The keys are random per instance (per server process): tokens do not survive a restart, and a client holding
 * one then gets 400 InvalidArgument and restarts its listing.
 */
final class ContinuationTokens {
    /**
     * What starts a V1 marker that is a sealed cursor. No key of the virtual bucket starts with {@code ~} (every key
     * starts with an alias, and an alias starts with {@code [A-Za-z0-9_]}), so a marker with this prefix would, as a
     * key to start after, list nothing: reading it as a cursor (and refusing it when it does not open) takes no
     * listing from anyone. Markers without the prefix keep their S3 meaning.
     */
    static final String MARKER_PREFIX = "~cursor.";

    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecretKeySpec nonceKey;

    ContinuationTokens() {
        var random = new SecureRandom();
        var bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "AES");
        random.nextBytes(bytes);
        this.nonceKey = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The request a token is bound to. */
    record Binding(String principal, String prefix, Optional<String> delimiter) {
    }

    /** Seals a cursor for the given request. */
    String seal(ListCursor cursor, Binding binding) {
        byte[] payload = payload(cursor);
        byte[] nonce = nonce(binding, payload);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, binding, payload);
        var token = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, token, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, token, NONCE_BYTES, sealed.length);
        return ENCODER.encodeToString(token);
    }

    /**
     * Opens a token sent with the given request.
     *
     * @throws S3Exception InvalidArgument for a malformed, forged, edited or foreign token
     */
    ListCursor open(String token, Binding binding) {
        try {
            byte[] bytes = DECODER.decode(token);
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                throw invalid();
            }
            var nonce = new byte[NONCE_BYTES];
            System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
            byte[] payload = cipher(Cipher.DECRYPT_MODE, nonce, binding,
                    Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length));
            var in = new DataInputStream(new ByteArrayInputStream(payload));
            return new ListCursor(in.readUTF());
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    /** Seals a cursor as a V1 marker: {@link #MARKER_PREFIX} then the token. */
    String sealMarker(ListCursor cursor, Binding binding) {
        return MARKER_PREFIX + seal(cursor, binding);
    }

    /**
     * Reads a V1 marker: the cursor when it carries {@link #MARKER_PREFIX}, empty when it is a key to start after.
     *
     * @throws S3Exception InvalidArgument when it carries the prefix but does not open for this request
     */
    Optional<ListCursor> openMarker(String marker, Binding binding) {
        if (!marker.startsWith(MARKER_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(open(marker.substring(MARKER_PREFIX.length()), binding));
    }

    private static byte[] payload(ListCursor cursor) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(cursor.after());
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** The synthetic nonce: a MAC of the request and the cursor, under a key of its own. */
    private byte[] nonce(Binding binding, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonceKey);
            mac.update(associatedData(binding));
            return Arrays.copyOf(mac.doFinal(payload), NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Encrypts or decrypts with the request as associated data; a failed tag check is InvalidArgument. */
    private byte[] cipher(int mode, byte[] nonce, Binding binding, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(binding));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw invalid();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is unavailable", e);
        }
    }

    /** The binding as length-prefixed UTF-8 parts, so no two bindings share an encoding. */
    private static byte[] associatedData(Binding binding) {
        var bytes = new ByteArrayOutputStream();
        for (String part : new String[] {binding.principal(), binding.prefix(),
                binding.delimiter().map(d -> "D" + d).orElse("N")}) {
            byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
            bytes.write(utf8.length >>> 24);
            bytes.write(utf8.length >>> 16);
            bytes.write(utf8.length >>> 8);
            bytes.write(utf8.length);
            bytes.writeBytes(utf8);
        }
        return bytes.toByteArray();
    }

    private static S3Exception invalid() {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
}
