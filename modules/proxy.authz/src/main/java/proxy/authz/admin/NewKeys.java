package proxy.authz.admin;

import java.security.SecureRandom;
import java.util.Base64;
import proxy.api.config.Secret;

/**
 * Makes new key pairs shaped like AWS's, which every S3 client accepts: a 20-character access key id
 * ({@code AKDS} and 16 base32 characters, 80 random bits) and a 40-character secret (240 random bits).
 */
final class NewKeys {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final SecureRandom random = new SecureRandom();

    String accessKey() {
        var out = new StringBuilder("AKDS");
        for (int i = 0; i < 16; i++) {
            out.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return out.toString();
    }

    Secret secret() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return new Secret(Base64.getEncoder().encodeToString(bytes));
    }
}
