package proxy.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The constants of AWS Signature Version 4 and its string to sign. */
public final class SigV4 {
    /** The algorithm name, first line of the string to sign and of the {@code Authorization} header. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** The last component of every credential scope. */
    public static final String TERMINATOR = "aws4_request";
    /** The payload hash of a request whose body is not signed. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private SigV4() {
    }

    /** The scope line {@code date/region/service/aws4_request}. */
    public static String scope(String date, String region, String service) {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    /** The string to sign of a canonical request signed at {@code timestamp} (ISO 8601 basic) in {@code scope}. */
    public static String stringToSign(String timestamp, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + timestamp + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
    }

    /** The lower-case hex SHA-256 of UTF-8 text. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
