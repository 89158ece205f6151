package proxy.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A derived SigV4 signing key ({@code kSigning}), ready to sign strings. It keeps one HMAC initialised with the
 * key and signs with a clone of it, so a signature costs neither a provider look-up nor the key set-up. The key
 * bytes never leave this class.
 */
public final class SigningKey {
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;
    private final Mac prototype;

    private SigningKey(byte[] key) {
        this.key = key;
        this.prototype = mac(key);
    }

    /** Derives the key of {@code secret} for {@code date/region/service/aws4_request}. */
    static SigningKey derive(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return new SigningKey(hmac(k, SigV4.TERMINATOR));
    }

    /** The signature of a string to sign, in lower-case hex. */
    public String signatureHex(String stringToSign) {
        return HexFormat.of().formatHex(sign(stringToSign));
    }

    private byte[] sign(String stringToSign) {
        byte[] data = stringToSign.getBytes(StandardCharsets.UTF_8);
        try {
            return ((Mac) prototype.clone()).doFinal(data);
        } catch (CloneNotSupportedException e) {
            return mac(key).doFinal(data);
        }
    }

    /** HMAC-SHA256 of UTF-8 text. */
    static byte[] hmac(byte[] key, String data) {
        return mac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[****]";
    }
}
