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
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.ListingTokenKeys;
import proxy.api.config.Secret;

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
 * <p>The keys come from {@code listingTokenKeys}: each configured secret gives an AES key and a nonce key (HMAC-SHA256
 * of the secret over two fixed labels). The first seals; a token opens with whichever key's tag checks, so a key
 * rotation does not break listings in flight, and every replica configured alike continues every other's listing.
 * Without configured keys they are random per instance (per server process): tokens do not survive a restart, and
 * a client holding one then gets 400 InvalidArgument and restarts its listing.
 */
final class ContinuationTokens {
    /**
     * What starts a V1 marker that is a sealed cursor. No key of the virtual bucket starts with {@code ~} (every key
     * starts with an alias, and an alias starts with {@code [A-Za-z0-9_]}), so a marker with this prefix would, as a
     * key to start after, list nothing: reading it as a cursor (and refusing it when it does not open) takes no
     * listing from anyone. Markers without the prefix keep their S3 meaning.
     */
    static final String MARKER_PREFIX = "~cursor.";

    private static final System.Logger LOG = System.getLogger(ContinuationTokens.class.getName());
    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final byte[] AES_LABEL = "delta-s3-proxy listing token AES-256-GCM key".getBytes(
            StandardCharsets.UTF_8);
    private static final byte[] NONCE_LABEL = "delta-s3-proxy listing token nonce key".getBytes(
            StandardCharsets.UTF_8);

    /** The keys derived from one secret. */
    private record Keys(SecretKeySpec aes, SecretKeySpec nonce) {
        static Keys of(byte[] secret) {
            return new Keys(new SecretKeySpec(mac(secret, AES_LABEL), "AES"),
                    new SecretKeySpec(mac(secret, NONCE_LABEL), "HmacSHA256"));
        }
    }

    /** The first seals; all open. */
    private final List<Keys> keys;

    /**
     * Tokens under {@code listingTokenKeys}, or, when none is configured, under a random key of this instance's own
     * (logging a warning: replicas then refuse each other's tokens).
     */
    static ContinuationTokens of(List<Secret> configured) {
        if (configured.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "listingTokenKeys is not set: listing continuation tokens are sealed"
                    + " with a key of this process, so replicas behind a load balancer will not continue each other's"
                    + " listings (and a restart ends listings in flight); set PROXY_LISTING_TOKEN_KEYS or"
                    + " listingTokenKeysFile");
            return new ContinuationTokens();
        }
        var secrets = new java.util.ArrayList<byte[]>();
        for (int i = 0; i < configured.size(); i++) {
            secrets.add(ListingTokenKeys.decode(configured.get(i), "listingTokenKeys[" + i + "]"));
        }
        return new ContinuationTokens(secrets);
    }

    /** Tokens under a random key of this instance's own. */
    ContinuationTokens() {
        var secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.keys = List.of(Keys.of(secret));
    }

    /**
     * Tokens under the given secrets (raw bytes, at least one): the first seals, all open.
     */
    ContinuationTokens(List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no listing-token key");
        }
        this.keys = secrets.stream().map(Keys::of).toList();
    }

    /** The request a token is bound to. */
    record Binding(String principal, String prefix, Optional<String> delimiter) {
    }

    /** Seals a cursor for the given request. */
    String seal(ListCursor cursor, Binding binding) {
        byte[] payload = payload(cursor);
        Keys sealing = keys.getFirst();
        byte[] nonce = nonce(sealing, binding, payload);
        byte[] sealed;
        try {
            sealed = cipher(sealing, Cipher.ENCRYPT_MODE, nonce, binding, payload);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("AES/GCM failed to encrypt", e);
        }
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
            byte[] payload = openWithAnyKey(nonce, binding, Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length));
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

    /** The payload under the first key whose tag checks. */
    private byte[] openWithAnyKey(byte[] nonce, Binding binding, byte[] sealed) {
        for (Keys candidate : keys) {
            try {
                return cipher(candidate, Cipher.DECRYPT_MODE, nonce, binding, sealed);
            } catch (AEADBadTagException e) {
                // not sealed under this key: try the next
            }
        }
        throw invalid();
    }

    /** The synthetic nonce: a MAC of the request and the cursor, under a key of its own. */
    private static byte[] nonce(Keys sealing, Binding binding, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(sealing.nonce());
            mac.update(associatedData(binding));
            return Arrays.copyOf(mac.doFinal(payload), NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Encrypts or decrypts with the request as associated data. */
    private static byte[] cipher(Keys with, int mode, byte[] nonce, Binding binding, byte[] input)
            throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(mode, with.aes(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(binding));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is unavailable", e);
        }
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
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
