package proxy.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.Principal;
import proxy.api.config.Secret;
import proxy.auth.credentials.Credential;
import proxy.auth.credentials.CredentialStore;
import proxy.auth.RecordingMetrics;
import proxy.testkit.TestClock;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Header-signed requests: the AWS SDK signer is the oracle for every positive case. */
class SigV4AuthenticatorTest {
    static final String AK = "AKIDALICE";
    static final String SECRET = "alice/Secret+Key=42";
    static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    final TestClock clock = new TestClock(T0);
    final RecordingMetrics metrics = new RecordingMetrics();
    final SigV4Authenticator authenticator = new SigV4Authenticator(store(
            new Credential(AK, new Secret(SECRET), "alice", true),
            new Credential("AKIDOFF", new Secret("off-secret"), "bob", false)), "us-east-1", clock, metrics);

    static CredentialStore store(Credential... credentials) {
        return key -> List.of(credentials).stream().filter(c -> c.accessKey().equals(key)).findFirst();
    }

    HttpRequestView signed(String key) {
        return SdkSigning.signHeader(SdkSigning.get(key).build(), AK, SECRET, "us-east-1", clock, false);
    }

    S3Exception refused(HttpRequestView request, S3ErrorCode expected) {
        S3Exception e = assertThrows(S3Exception.class, () -> authenticator.authenticate(request));
        assertEquals(expected, e.code(), e.getMessage());
        assertTrue(!e.getMessage().contains(SECRET), "a message never carries the secret");
        assertEquals(expected.code(), metrics.authenticationFailures.getLast());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"trades/MIC=XLON/part-0.parquet", "t/with space/f", "t/per%cent/f", "t/plus+sign/f",
            "t/ünïcødé/日本語.parquet", "t/tilde~/f", "t/a=b=c/f", "t/!$&'()*,;:@/f", "t/_delta_log/00000000000000000000.json"})
    void sdkSignedRequestVerifies(String key) {
        Principal p = authenticator.authenticate(signed(key));
        assertEquals(new Principal("alice", AK), p);
        assertTrue(metrics.authenticationFailures.isEmpty());
    }

    @Test
    void signedPayloadHashOfEmptyBodyVerifies() {
        HttpRequestView r = SdkSigning.signHeader(SdkSigning.get("t/f").build(), AK, SECRET, "us-east-1", clock, true);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                r.header("x-amz-content-sha256").orElseThrow());
        assertEquals("alice", authenticator.authenticate(r).name());
    }

    @Test
    void queryParametersInAnyOrderVerify() {
        SdkHttpFullRequest list = SdkSigning.get("").putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("prefix", "trades/MIC=X LON+~").putRawQueryParameter("delimiter", "/")
                .putRawQueryParameter("encoding-type", "url").build();
        HttpRequestView r = SdkSigning.signHeader(list, AK, SECRET, "us-east-1", clock, false);
        String shuffled = "encoding-type=url&delimiter=%2F&prefix=trades%2FMIC%3DX%20LON%2B~&list-type=2";
        assertEquals("alice", authenticator.authenticate(SdkSigning.withTarget(r, SdkSigning.rawPath(r), shuffled)).name());
    }

    @Test
    void clientsThatEscapeDifferentlyStillVerify() {
        HttpRequestView r = signed("t/MIC=XLON/a~b c.parquet");
        assertEquals("/datalake/t/MIC%3DXLON/a~b%20c.parquet", SdkSigning.rawPath(r));
        String otherSpelling = "/datalake/t/MIC=XLON/a%7eb%20c.parquet";
        assertEquals("alice", authenticator.authenticate(SdkSigning.withTarget(r, otherSpelling, "")).name());
    }

    @Test
    void unsignedExtraHeaderIsFine() {
        HttpRequestView r = SdkSigning.withHeader(signed("t/f"), "user-agent", "spark/4.0");
        assertEquals("alice", authenticator.authenticate(r).name());
    }

    @Test
    void signingKeyIsCachedPerScope() {
        authenticator.authenticate(signed("t/a"));
        authenticator.authenticate(signed("t/b"));
        assertEquals(List.of("signing-key:miss", "signing-key:hit"), metrics.cacheAccesses);
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        HttpRequestView r = SdkSigning.signHeader(SdkSigning.get("t/f").build(), AK, "not-the-secret", "us-east-1",
                clock, false);
        refused(r, S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void signatureForAnotherPathDoesNotMatch() {
        HttpRequestView r = signed("t/MIC=XLON/f.parquet");
        refused(SdkSigning.withTarget(r, "/datalake/t/MIC=XPAR/f.parquet", ""), S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void tamperedSignedHeaderDoesNotMatch() {
        HttpRequestView r = SdkSigning.signHeader(SdkSigning.get("t/f").putHeader("Range", "bytes=0-9").build(), AK,
                SECRET, "us-east-1", clock, false);
        assertEquals("alice", authenticator.authenticate(r).name());
        refused(SdkSigning.withHeader(r, "range", "bytes=0-99999"), S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        HttpRequestView r = SdkSigning.signHeader(SdkSigning.get("t/f").build(), "AKIDNOBODY", SECRET, "us-east-1",
                clock, false);
        refused(r, S3ErrorCode.INVALID_ACCESS_KEY_ID);
    }

    @Test
    void disabledKeyIsAccessDenied() {
        HttpRequestView r = SdkSigning.signHeader(SdkSigning.get("t/f").build(), "AKIDOFF", "off-secret",
                "us-east-1", clock, false);
        refused(r, S3ErrorCode.ACCESS_DENIED);
    }

    @Test
    void clockSkewBeyondFifteenMinutesIsRefused() {
        HttpRequestView r = signed("t/f");
        clock.advance(Duration.ofMinutes(14));
        assertEquals("alice", authenticator.authenticate(r).name());
        clock.advance(Duration.ofMinutes(2));
        refused(r, S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
        HttpRequestView future = SdkSigning.signHeader(SdkSigning.get("t/f").build(), AK, SECRET, "us-east-1",
                Clock.fixed(clock.instant().plus(Duration.ofMinutes(16)), clock.getZone()), false);
        refused(future, S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
    }

    @Test
    void missingDateIsAccessDenied() {
        S3Exception e = refused(SdkSigning.withoutHeader(signed("t/f"), "x-amz-date"), S3ErrorCode.ACCESS_DENIED);
        assertTrue(e.getMessage().contains("x-amz-date"));
    }

    @Test
    void wrongRegionNamesTheExpectedRegion() {
        HttpRequestView r = SdkSigning.signHeader(SdkSigning.get("t/f").build(), AK, SECRET, "eu-west-1", clock,
                false);
        S3Exception e = refused(r, S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED);
        assertTrue(e.getMessage().contains("expecting 'us-east-1'"), e.getMessage());
    }

    @Test
    void credentialDateMustBeTheDateOfXAmzDate() {
        HttpRequestView r = signed("t/f");
        String auth = r.header("authorization").orElseThrow().replace("/20260115/", "/20260114/");
        refused(SdkSigning.withHeader(r, "authorization", auth), S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void hostMustBeSigned() {
        HttpRequestView r = signed("t/f");
        String auth = r.header("authorization").orElseThrow().replace("SignedHeaders=host;", "SignedHeaders=");
        refused(SdkSigning.withHeader(r, "authorization", auth), S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS4-HMAC-SHA256 Credential=AKIDALICE/20260115/us-east-1/s3/aws4_request",
            "AWS4-HMAC-SHA256 Credential=AKIDALICE/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ab",
            "AWS4-HMAC-SHA256 garbage", "AWS4-HMAC-SHA256 Credential=A/20260115/us-east-1/s3/aws4_request,"
            + " SignedHeaders=host, Signature=ab, Signature=cd"})
    void malformedHeaderIsAuthorizationHeaderMalformed(String header) {
        refused(SdkSigning.withHeader(signed("t/f"), "authorization", header),
                S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void payloadHashRules() {
        HttpRequestView r = signed("t/f");
        refused(SdkSigning.withoutHeader(r, "x-amz-content-sha256"), S3ErrorCode.INVALID_REQUEST);
        refused(SdkSigning.withHeader(r, "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
                S3ErrorCode.INVALID_REQUEST);
        refused(SdkSigning.withHeader(r, "x-amz-content-sha256", "bogus"), S3ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void chunkSignedUploadAuthenticatesOnItsSeedSignatureSoTheWriteCanBeRefusedAs405() {
        SdkHttpFullRequest put = SdkSigning.get("t/new.parquet").method(SdkHttpMethod.PUT)
                .putHeader("Content-Length", "4").build();
        var signed = AwsV4HttpSigner.create().sign(b -> b.identity(AwsCredentialsIdentity.create(AK, SECRET))
                .request(put).payload(ContentStreamProvider.fromUtf8String("data"))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        HttpRequestView r = SdkSigning.view(signed.request());
        assertTrue(r.header("x-amz-content-sha256").orElseThrow().startsWith("STREAMING-"));
        assertEquals("alice", authenticator.authenticate(r).name());
        refused(SdkSigning.withHeader(r, "x-amz-decoded-content-length", "999"), S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void signatureVersion2IsRefusedClearly() {
        var header = new HttpRequestView("GET", "/datalake/t/f", "",
                Map.of("host", List.of("localhost"), "authorization", List.of("AWS AKIDALICE:c2lnbmF0dXJl")));
        assertTrue(refused(header, S3ErrorCode.INVALID_REQUEST).getMessage().contains("Signature Version 2"));
        var query = new HttpRequestView("GET", "/datalake/t/f", "AWSAccessKeyId=AKIDALICE&Expires=1&Signature=x",
                Map.of("host", List.of("localhost")));
        assertTrue(refused(query, S3ErrorCode.INVALID_REQUEST).getMessage().contains("Signature Version 4"));
    }

    @Test
    void anonymousIsAccessDenied() {
        var anonymous = new HttpRequestView("GET", "/datalake/", "", Map.of("host", List.of("localhost")));
        assertEquals("Anonymous access is not allowed",
                refused(anonymous, S3ErrorCode.ACCESS_DENIED).getMessage());
    }

    @Test
    void headerAndQuerySignatureTogetherIsInvalidArgument() {
        HttpRequestView presigned = SdkSigning.presign(SdkSigning.get("t/f").build(), AK, SECRET, "us-east-1", clock,
                Duration.ofMinutes(5));
        HttpRequestView both = SdkSigning.withHeader(presigned, "authorization",
                signed("t/f").header("authorization").orElseThrow());
        refused(both, S3ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void unsupportedAuthorizationTypeIsInvalidArgument() {
        refused(SdkSigning.withHeader(signed("t/f"), "authorization", "Bearer abc"), S3ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void secretChangeIsPickedUpDespiteTheSigningKeyCache() {
        var current = new Credential[] {new Credential(AK, new Secret(SECRET), "alice", true)};
        var rotating = new SigV4Authenticator(key -> Optional.of(current[0]), "us-east-1", clock, metrics);
        rotating.authenticate(signed("t/f"));
        current[0] = new Credential(AK, new Secret("rotated"), "alice", true);
        assertThrows(S3Exception.class, () -> rotating.authenticate(signed("t/f")));
        HttpRequestView rotated = SdkSigning.signHeader(SdkSigning.get("t/f").build(), AK, "rotated", "us-east-1",
                clock, false);
        assertEquals("alice", rotating.authenticate(rotated).name());
    }
}
