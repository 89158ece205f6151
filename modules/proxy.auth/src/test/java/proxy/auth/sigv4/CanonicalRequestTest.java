package proxy.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.RequestTarget;
import proxy.api.config.Secret;
import proxy.auth.credentials.Credential;
import proxy.sigv4.CanonicalRequest;
import proxy.auth.RecordingMetrics;
import proxy.testkit.TestClock;

class CanonicalRequestTest {
    static final String ALPHABET = "aZ09-._~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}ü日😀\t";

    private static RequestTarget target(String rawPath, String rawQuery) {
        return RequestTarget.parse(rawPath, rawQuery);
    }

    @Test
    void canonicalUriEncodesTheDecodedPathWithTheUnreservedSetOnly() {
        assertEquals("/datalake/t/a~b%20c%2Bd%3De%25",
                CanonicalRequest.canonicalUri(target("/datalake/t/a%7Eb%20c+d=e%25", "").segments()));
        assertEquals("/", CanonicalRequest.canonicalUri(target("", "").segments()));
        assertEquals("/b/%C3%BC/x%2F/", CanonicalRequest.canonicalUri(target("/b/\u00C3\u00BC/x%2f/", "").segments()));
        assertEquals("/b/x/y/", target("/b/x%2fy/", "").path());
    }

    /** {@code +} in a query is a space, as AWS S3 reads it: signed as {@code %20}, a plus sign is {@code %2B}. */
    @Test
    void canonicalQuerySortsByEncodedNameThenValue() {
        assertEquals("a=1&a=2&b=&list-type=2&prefix=x%20y%20z~%2B",
                CanonicalRequest.canonicalQuery(target("/", "prefix=x%20y+z%7e%2b&b&a=2&list-type=2&a=1").query(),
                        false));
        assertEquals("X-Amz-Date=1",
                CanonicalRequest.canonicalQuery(target("/", "X-Amz-Signature=ab&X-Amz-Date=1").query(), true));
    }

    @Test
    void brokenEscapeIsInvalidUri() {
        assertEquals(S3ErrorCode.INVALID_URI, assertThrows(S3Exception.class, () -> target("/b/%zz", "")).code());
        assertEquals(S3ErrorCode.INVALID_URI, assertThrows(S3Exception.class, () -> target("/b/%4", "")).code());
    }

    /** Random keys signed by the SDK verify however the client spells each character on the wire. */
    @Test
    void randomKeysVerifyUnderAnyEquivalentSpelling() {
        var clock = new TestClock(Instant.parse("2026-05-05T05:05:05Z"));
        var authenticator = new SigV4Authenticator(SigV4AuthenticatorTest.store(
                new Credential("AK", new Secret("sk"), "p", true)), "us-east-1", clock, new RecordingMetrics());
        var random = new Random(42);
        for (int i = 0; i < 300; i++) {
            String key = "t/" + randomKey(random);
            HttpRequestView r = SdkSigning.signHeader(SdkSigning.get(key).build(), "AK", "sk", "us-east-1", clock,
                    false);
            String respelled = respell(SdkSigning.rawPath(r), random);
            assertEquals("p", authenticator.authenticate(SdkSigning.withTarget(r, respelled, "")).name(),
                    key + " as " + respelled);
        }
    }

    private static String randomKey(Random random) {
        var sb = new StringBuilder();
        int length = 1 + random.nextInt(12);
        int[] points = ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return sb.toString();
    }

    /**
     * Percent-encodes some unreserved characters, decodes some safe escapes, lower-cases some hex digits, and
     * for some keys sends every non-ASCII byte raw (as the JDK server reads a raw byte: one character up to U+00FF;
     * a character is sent either raw or escaped as a whole).
     */
    private static String respell(String rawPath, Random random) {
        var sb = new StringBuilder();
        boolean rawUtf8 = random.nextBoolean();
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' && rawUtf8 && Integer.parseInt(rawPath.substring(i + 1, i + 3), 16) >= 0x80) {
                sb.append((char) Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                String hex = rawPath.substring(i + 1, i + 3);
                char decoded = (char) Integer.parseInt(hex, 16);
                boolean safeLiteral = "=!$'()*,;:@+".indexOf(decoded) >= 0;
                sb.append(safeLiteral && random.nextBoolean() ? String.valueOf(decoded)
                        : "%" + (random.nextBoolean() ? hex.toLowerCase(java.util.Locale.ROOT) : hex));
                i += 2;
            } else if (c != '/' && random.nextInt(3) == 0) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append(String.format("%%%02X", b & 0xFF));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
