package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import proxy.testkit.TestClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The backend signer's requests and URLs are the SDK signer's, byte for byte (the algorithm: proxy.sigv4). */
class BackendSignerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T03:04:05Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static SdkHttpRequest request(String uri, Map<String, String> headers) {
        var builder = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(uri));
        headers.forEach(builder::putHeader);
        return builder.build();
    }

    private static SdkHttpRequest sdk(SdkHttpRequest request, AwsCredentialsProvider credentials, Duration presign) {
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity((AwsCredentialsIdentity) credentials.resolveCredentials()).request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK);
            if (presign != null) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, presign);
            }
        }).request();
    }

    @Test
    void signedHeadersAreTheSdkSignersForPlainAndTemporaryCredentials() {
        for (AwsCredentialsProvider credentials : new AwsCredentialsProvider[] {
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIGNER", "se/cr+et")),
                StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIASIGNER", "se/cr+et", "tok/en="))}) {
            SdkHttpRequest request = request("http://127.0.0.1:9000/lake/t/MIC%3DXLON/a%20b.parquet",
                    Map.of("Range", "bytes=0-4095", "If-None-Match", "\"abc\""));
            var ours = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
            ours.putAll(new BackendSigner(credentials, "eu-west-1", CLOCK).signedHeaders("GET",
                    request.encodedPath(), BucketUrl.of("http://127.0.0.1:9000/lake/").host(),
                    Map.of("Range", "bytes=0-4095", "If-None-Match", "\"abc\"")));
            SdkHttpRequest theirs = sdk(request, credentials, null);
            for (String header : new String[] {"Authorization", "X-Amz-Date", "x-amz-content-sha256",
                    "X-Amz-Security-Token", "Range"}) {
                assertEquals(theirs.firstMatchingHeader(header), Optional.ofNullable(ours.get(header)), header);
            }
        }
    }

    @Test
    void presignedUrlsCarryTheSdkSignersSignature() {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIGNER", "secret"));
        SdkHttpRequest request = request("https://lake.s3.eu-west-1.amazonaws.com/t/%E6%9D%B1.parquet", Map.of());
        var bucket = BucketUrl.of("https://lake.s3.eu-west-1.amazonaws.com:443/");
        String path = bucket.path("t/東.parquet");
        URI ours = bucket.resolve(path, new BackendSigner(credentials, "eu-west-1", CLOCK).presignedGetQuery(path,
                bucket.host(), Duration.ofMinutes(15)));
        SdkHttpRequest theirs = sdk(request, credentials, Duration.ofMinutes(15));
        assertEquals(theirs.encodedPath(), ours.getRawPath());
        assertEquals(theirs.rawQueryParameters().get("X-Amz-Signature").getFirst(),
                ours.getRawQuery().replaceAll(".*X-Amz-Signature=", ""));
    }

    @Test
    void resolvedCredentialsAreReusedForASecondAndNeverPastTheirExpiry() {
        var clock = new TestClock(NOW);
        var calls = new AtomicInteger();
        AwsCredentialsProvider rotating = () -> {
            int n = calls.incrementAndGet();
            return AwsSessionCredentials.builder().accessKeyId("ASIAROTATE" + n).secretAccessKey("secret" + n)
                    .sessionToken("token" + n).expirationTime(n == 2 ? clock.instant().plusMillis(200) : null).build();
        };
        var signer = new BackendSigner(rotating, "eu-west-1", clock);
        assertEquals("ASIAROTATE1", signer.accessKey());
        clock.advance(Duration.ofMillis(999));
        assertTrue(signer.presignedGetQuery("/lake/t/a.parquet", "h", Duration.ofMinutes(5)).contains("ASIAROTATE1"));
        assertEquals(1, calls.get());

        clock.advance(Duration.ofMillis(1));
        assertTrue(signer.signedHeaders("GET", "/lake/t/a.parquet", "h", Map.of()).get("authorization")
                .contains("ASIAROTATE2"));
        clock.advance(Duration.ofMillis(199));
        assertEquals("ASIAROTATE2", signer.accessKey());
        clock.advance(Duration.ofMillis(1));
        assertEquals("ASIAROTATE3", signer.accessKey(), "credentials expiring within the second are not reused past expiry");
        assertEquals(3, calls.get());
    }

    @Test
    void theHostHeaderNamesThePortOnlyWhenItIsNotTheSchemesDefault() {
        assertEquals("127.0.0.1:9000", BucketUrl.of("http://127.0.0.1:9000/lake/").host());
        assertEquals("lake.s3.amazonaws.com", BucketUrl.of("https://lake.s3.amazonaws.com:443/").host());
        assertEquals("minio:443", BucketUrl.of("http://minio:443/lake/").host());
        assertEquals("[::1]:9000", BucketUrl.of("http://[::1]:9000/lake/").host());
        assertEquals("/lake/t/MIC%3DXLON/a%20b.parquet", BucketUrl.of("http://[::1]:9000/lake/").path("t/MIC=XLON/a b.parquet"));
    }
}
