package proxy.accessdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.Secret;

/**
 * Encrypts the secrets stored in the database: AES-256-GCM under the operator's secrets key, a random 96-bit nonce
 * per row, the row's access key as associated data (so a sealed secret copied onto another row does not open).
 * Stored form: base64 of nonce, then ciphertext and tag. Thread-safe.
 */
public final class SecretSealer {
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "delta-s3-proxy credentials v1:".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secretsKey 32 bytes in base64 ({@code PROXY_SECRETS_KEY} or {@code database.secretsKeyFile})
     */
    public SecretSealer(Secret secretsKey) {
        this.key = new SecretKeySpec(DatabaseConfig.decodeKey(secretsKey, "database.secretsKey"), "AES");
    }

    /** The stored form of {@code secret} for the row of {@code accessKey}. */
    public String seal(String accessKey, Secret secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, accessKey);
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The secret of a stored form.
     *
     * @throws GeneralSecurityException when it was sealed under another key or for another access key, or was
     *                                  altered
     */
    public Secret open(String accessKey, String stored) throws GeneralSecurityException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a sealed secret");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("not a sealed secret");
        }
        byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, accessKey);
        byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        return new Secret(new String(plain, StandardCharsets.UTF_8));
    }

    private Cipher cipher(int mode, byte[] nonce, String accessKey) throws GeneralSecurityException {
        Objects.requireNonNull(accessKey, "accessKey");
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(CONTEXT);
        cipher.updateAAD(accessKey.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
