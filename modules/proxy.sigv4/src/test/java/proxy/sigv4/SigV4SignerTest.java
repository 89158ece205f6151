package proxy.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Our signer against the AWS SDK's own SigV4 signer (configured as the S3 client configures it: no double
 * encoding, no path normalisation, unsigned payload): for the same request, time and credentials, the
 * {@code Authorization} header and the presigned {@code X-Amz-Signature} must be byte-identical.
 */
class SigV4SignerTest {
    private static final String KEY_ALPHABET = "aZ09-._~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}ü日😀=";
    private static final String SECRET_ALPHABET = "abcXYZ0189+/=~!@#$%^&*()_ü";

    private final SigningKeyCache keys = new SigningKeyCache(8, hit -> { });

    @Test
    void headerSignaturesMatchTheSdkSignerForRandomKeysRangesAndCredentials() {
        var random = new Random(19);
        for (int i = 0; i < 300; i++) {
            Case c = Case.random(random);
            SdkHttpRequest sdk = sdkSign(c, false, Duration.ZERO);
            var signer = new SigV4Signer(c.region, "s3", keys);
            var headers = new TreeMap<String, String>();
            c.headers.forEach((n, v) -> headers.put(n.toLowerCase(Locale.ROOT), v));
            headers.put("host", c.hostHeader());
            Map<String, String> ours = signer.signHeaders(c.method.name(), c.encodedPath(), headers, c.credentials(),
                    c.time);
            assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), ours.get("authorization"), c.toString());
            assertEquals(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow(), ours.get("x-amz-date"));
            assertEquals(sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow(), ours.get("x-amz-content-sha256"));
            assertEquals(sdk.firstMatchingHeader("X-Amz-Security-Token"),
                    Optional.ofNullable(ours.get("x-amz-security-token")), c.toString());
        }
    }

    @Test
    void presignedQueriesMatchTheSdkSignerForRandomKeysAndExpiries() {
        var random = new Random(8);
        for (int i = 0; i < 300; i++) {
            Case c = Case.random(random).withoutHeaders();
            Duration expiry = Duration.ofSeconds(1 + random.nextInt(7 * 24 * 3600));
            SdkHttpRequest sdk = sdkSign(c, true, expiry);
            String ours = new SigV4Signer(c.region, "s3", keys).presignQuery(c.method.name(), c.encodedPath(),
                    c.hostHeader(), c.credentials(), c.time, expiry);
            assertEquals(sorted(sdk.encodedQueryParameters().orElseThrow()), sorted(ours), c.toString());
            assertTrue(ours.endsWith("&X-Amz-Signature=" + sdk.rawQueryParameters().get("X-Amz-Signature").getFirst()));
        }
    }

    @Test
    void aSignatureDependsOnEverySignedPart() {
        var signer = new SigV4Signer("us-east-1", "s3", keys);
        var creds = new SigV4Signer.Credentials("AK", "secret", Optional.empty());
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        var headers = new TreeMap<>(Map.of("host", "h:9000", "range", "bytes=0-9"));
        String base = signer.signHeaders("GET", "/b/k", headers, creds, t).get("authorization");
        assertFalse(base.equals(signer.signHeaders("HEAD", "/b/k", headers, creds, t).get("authorization")));
        assertFalse(base.equals(signer.signHeaders("GET", "/b/k2", headers, creds, t).get("authorization")));
        assertFalse(base.equals(signer.signHeaders("GET", "/b/k", new TreeMap<>(Map.of("host", "h:9000",
                "range", "bytes=0-8")), creds, t).get("authorization")));
        assertFalse(base.equals(signer.signHeaders("GET", "/b/k", headers, creds, t.plusSeconds(1))
                .get("authorization")));
        assertFalse(base.equals(signer.signHeaders("GET", "/b/k", headers,
                new SigV4Signer.Credentials("AK", "secreT", Optional.empty()), t).get("authorization")));
        assertThrows(IllegalArgumentException.class,
                () -> signer.signHeaders("GET", "/b/k", new TreeMap<>(), creds, t));
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        String text = new SigV4Signer.Credentials("AKID", "s3cr3t", Optional.of("t0k3n")).toString();
        assertTrue(text.contains("AKID"));
        assertFalse(text.contains("s3cr3t") || text.contains("t0k3n"), text);
    }

    private static List<String> sorted(String query) {
        var pairs = new ArrayList<>(List.of(query.split("&")));
        pairs.sort(null);
        return pairs;
    }

    private static SdkHttpRequest sdkSign(Case c, boolean presign, Duration expiry) {
        AwsCredentialsIdentity identity = c.token.isPresent()
                ? AwsSessionCredentialsIdentity.create(c.accessKey, c.secret, c.token.get())
                : AwsCredentialsIdentity.create(c.accessKey, c.secret);
        var builder = SdkHttpRequest.builder().method(c.method).uri(URI.create(c.scheme + "://" + c.host
                + (c.port < 0 ? "" : ":" + c.port) + c.encodedPath()));
        c.headers.forEach(builder::putHeader);
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(builder.build())
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, c.region)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(c.time, ZoneOffset.UTC));
            if (presign) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry);
            }
        }).request();
    }

    /** One randomized request: key with odd characters, optional range and conditions, credentials, time. */
    private record Case(SdkHttpMethod method, String scheme, String host, int port, String key,
                        Map<String, String> headers, String region, String accessKey, String secret,
                        Optional<String> token, Instant time) {

        static Case random(Random random) {
            var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
            if (random.nextBoolean()) {
                long from = random.nextInt(1 << 20);
                headers.put("Range", "bytes=" + from + "-" + (from + random.nextInt(1 << 20)));
            }
            if (random.nextInt(4) == 0) {
                headers.put("If-None-Match", "\"" + Long.toHexString(random.nextLong()) + "\"");
            }
            if (random.nextInt(4) == 0) {
                headers.put("If-Modified-Since", "Tue, 01 Jan 2030  10:00:00 GMT");
            }
            String scheme = random.nextBoolean() ? "https" : "http";
            int port = switch (random.nextInt(3)) {
                case 0 -> -1;
                case 1 -> scheme.equals("https") ? 443 : 80;
                default -> 1024 + random.nextInt(60000);
            };
            return new Case(random.nextInt(3) == 0 ? SdkHttpMethod.HEAD : SdkHttpMethod.GET, scheme,
                    random.nextBoolean() ? "127.0.0.1" : "lake.s3.eu-west-1.amazonaws.com", port,
                    text(random, KEY_ALPHABET, 1 + random.nextInt(40)), headers,
                    random.nextBoolean() ? "us-east-1" : "eu-central-1",
                    "AKID" + text(random, "ABCDEFGHIJ0123456789", 16), text(random, SECRET_ALPHABET, 40),
                    random.nextBoolean() ? Optional.of(text(random, SECRET_ALPHABET, 60)) : Optional.empty(),
                    Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000)));
        }

        Case withoutHeaders() {
            return new Case(SdkHttpMethod.GET, scheme, host, port, key, Map.of(), region, accessKey, secret, token,
                    time);
        }

        String encodedPath() {
            return "/lake/" + S3UriEncoding.encodePath(key);
        }

        String hostHeader() {
            boolean standard = port < 0 || port == (scheme.equals("https") ? 443 : 80);
            return standard ? host : host + ":" + port;
        }

        SigV4Signer.Credentials credentials() {
            return new SigV4Signer.Credentials(accessKey, secret, token);
        }

        private static String text(Random random, String alphabet, int length) {
            int[] points = alphabet.codePoints().toArray();
            var sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                sb.appendCodePoint(points[random.nextInt(points.length)]);
            }
            return sb.toString();
        }
    }
}
