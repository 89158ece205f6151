package proxy.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.config.Secret;
import proxy.auth.credentials.Credential;
import proxy.auth.RecordingMetrics;
import proxy.testkit.TestClock;

/** Presigned (query-string) SigV4: URLs from the SDK's S3Presigner and signer are the oracle. */
class PresignedSigV4Test {
    static final String AK = "AKIDALICE";
    static final String SECRET = "presign-secret";

    final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:30:00Z"));
    final RecordingMetrics metrics = new RecordingMetrics();
    final SigV4Authenticator authenticator = new SigV4Authenticator(
            SigV4AuthenticatorTest.store(new Credential(AK, new Secret(SECRET), "alice", true)), "us-east-1", clock,
            metrics);

    HttpRequestView presigned(String key, Duration expires) {
        return SdkSigning.presign(SdkSigning.get(key).build(), AK, SECRET, "us-east-1", clock, expires);
    }

    void refused(HttpRequestView request, S3ErrorCode expected, String messagePart) {
        S3Exception e = assertThrows(S3Exception.class, () -> authenticator.authenticate(request));
        assertEquals(expected, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertEquals(expected.code(), metrics.authenticationFailures.getLast());
    }

    @ParameterizedTest
    @ValueSource(strings = {"trades/MIC=XLON/part-0.parquet", "t/sp ace/+plus/%pct/~tilde/ü.parquet"})
    void s3PresignerUrlVerifies(String key) {
        var systemClockVerifier = new SigV4Authenticator(
                SigV4AuthenticatorTest.store(new Credential(AK, new Secret(SECRET), "alice", true)), "us-east-1",
                Clock.systemUTC(), metrics);
        HttpRequestView r = SdkSigning.presignWithS3Presigner(key, AK, SECRET, Duration.ofMinutes(10));
        assertTrue(SdkSigning.rawQuery(r).contains("X-Amz-Signature="));
        assertEquals("alice", systemClockVerifier.authenticate(r).name());
    }

    @Test
    void queryParameterOrderDoesNotMatter() {
        HttpRequestView r = presigned("t/MIC=XLON/f.parquet", Duration.ofMinutes(5));
        List<String> params = new ArrayList<>(List.of(SdkSigning.rawQuery(r).split("&")));
        Collections.shuffle(params, new Random(7));
        HttpRequestView shuffled = SdkSigning.withTarget(r, SdkSigning.rawPath(r), String.join("&", params));
        assertEquals("alice", authenticator.authenticate(shuffled).name());
    }

    @Test
    void validUntilExpiryThenAccessDenied() {
        HttpRequestView r = presigned("t/f", Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        assertEquals("alice", authenticator.authenticate(r).name());
        clock.advance(Duration.ofSeconds(1));
        refused(r, S3ErrorCode.ACCESS_DENIED, "Request has expired");
    }

    @Test
    void signedFarInTheFutureIsNotValidYet() {
        HttpRequestView r = SdkSigning.presign(SdkSigning.get("t/f").build(), AK, SECRET, "us-east-1",
                Clock.offset(clock, Duration.ofHours(1)), Duration.ofMinutes(5));
        refused(r, S3ErrorCode.ACCESS_DENIED, "not valid yet");
    }

    @Test
    void urlForAnotherKeyDoesNotMatch() {
        HttpRequestView r = presigned("t/MIC=XLON/f.parquet", Duration.ofMinutes(5));
        refused(SdkSigning.withTarget(r, "/datalake/t/MIC%3DXPAR/f.parquet", SdkSigning.rawQuery(r)),
                S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, "signature");
    }

    @Test
    void wrongSecretDoesNotMatch() {
        HttpRequestView r = SdkSigning.presign(SdkSigning.get("t/f").build(), AK, "guess", "us-east-1", clock,
                Duration.ofMinutes(5));
        refused(r, S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, "signature");
    }

    @Test
    void extendedExpiryIsDetected() {
        HttpRequestView r = presigned("t/f", Duration.ofSeconds(60));
        String longer = SdkSigning.rawQuery(r).replace("X-Amz-Expires=60", "X-Amz-Expires=3600");
        refused(SdkSigning.withTarget(r, SdkSigning.rawPath(r), longer), S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, "signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "604801", "-5", "soon", "%2B60", "%D9%A6%D9%A0"})
    void expiresOutOfRangeIsAuthorizationQueryParametersError(String expires) {
        HttpRequestView r = presigned("t/f", Duration.ofSeconds(60));
        String bad = SdkSigning.rawQuery(r).replace("X-Amz-Expires=60", "X-Amz-Expires=" + expires);
        refused(SdkSigning.withTarget(r, SdkSigning.rawPath(r), bad), S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "X-Amz-Expires");
    }

    @Test
    void maximumLifetimeOfSevenDaysIsAccepted() {
        HttpRequestView r = presigned("t/f", Duration.ofDays(7));
        clock.advance(Duration.ofDays(7));
        assertEquals("alice", authenticator.authenticate(r).name());
    }

    @Test
    void wrongRegionNamesTheExpectedRegion() {
        HttpRequestView r = SdkSigning.presign(SdkSigning.get("t/f").build(), AK, SECRET, "eu-central-1", clock,
                Duration.ofMinutes(5));
        refused(r, S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "expecting 'us-east-1'");
    }

    @Test
    void missingParameterIsAuthorizationQueryParametersError() {
        HttpRequestView r = presigned("t/f", Duration.ofMinutes(5));
        String without = String.join("&", List.of(SdkSigning.rawQuery(r).split("&")).stream()
                .filter(p -> !p.startsWith("X-Amz-Date=")).toList());
        refused(SdkSigning.withTarget(r, SdkSigning.rawPath(r), without), S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "X-Amz-Date");
    }

    @Test
    void otherAlgorithmIsRefused() {
        HttpRequestView r = presigned("t/f", Duration.ofMinutes(5));
        String other = SdkSigning.rawQuery(r).replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256");
        refused(SdkSigning.withTarget(r, SdkSigning.rawPath(r), other), S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "AWS4-HMAC-SHA256");
    }

    @Test
    void hostMustBeSigned() {
        HttpRequestView r = presigned("t/f", Duration.ofMinutes(5));
        String noHost = SdkSigning.rawQuery(r).replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=range");
        refused(SdkSigning.withTarget(r, SdkSigning.rawPath(r), noHost), S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "host");
    }

    @Test
    void anotherHostDoesNotMatch() {
        refused(SdkSigning.withHeader(presigned("t/f", Duration.ofMinutes(5)), "host", "evil:18080"),
                S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, "signature");
    }
}
