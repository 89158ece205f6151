package proxy.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * What is signed is what is executed: a signature verifies only for the decoded target that routing then serves
 * ({@code view.target()}), however the client spelled it, and for no other.
 */
class SignedTargetTest {
    private static final String AK = "AKIDALICE";
    private static final String SECRET = "alice-secret";

    private final TestClock clock = new TestClock(SigV4AuthenticatorTest.T0);
    private final SigV4Authenticator authenticator = new SigV4Authenticator(SigV4AuthenticatorTest.store(
            new Credential(AK, new Secret(SECRET), "alice", true)), "us-east-1", clock, new RecordingMetrics());

    private HttpRequestView signed(String key) {
        return SdkSigning.signHeader(SdkSigning.get(key).build(), AK, SECRET, "us-east-1", clock, false);
    }

    private void refused(HttpRequestView request) {
        var e = assertThrows(S3Exception.class, () -> authenticator.authenticate(request));
        assertEquals(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, e.code(), e.getMessage());
    }

    /** The wire form a client sends when it writes a key's UTF-8 bytes raw: one ISO-8859-1 char per byte. */
    private static String rawUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * The attack: a signature over the key {@code city=ZÃ¼rich} (the UTF-8 of "Ã¼", sent percent-encoded) used to
     * verify for the raw bytes C3 BC, which routing decoded as {@code city=Zürich}.
     */
    @Test
    void aSignatureForAMojibakeKeyDoesNotVerifyForTheRawBytesOfAnother() {
        HttpRequestView mojibake = signed("t/city=ZÃ¼rich/f.parquet");
        assertEquals("alice", authenticator.authenticate(mojibake).name());
        HttpRequestView attack = SdkSigning.withTarget(mojibake, "/datalake/t/city=Z" + "\u00C3\u00BC" + "rich/f.parquet",
                "");
        assertEquals("/datalake/t/city=Zürich/f.parquet", attack.target().path());
        refused(attack);
    }

    /** Clients that put a key's UTF-8 bytes raw on the wire and sign its encoding (the AWS way) verify. */
    @ParameterizedTest
    @ValueSource(strings = {"t/city=Zürich/f", "t/city=東京/f", "t/emoji😀/f", "t/a=b/c+d/f", "t/ünïcødé/日本語.parquet"})
    void rawUtf8TargetsVerifyAsTheKeyTheyDecodeTo(String key) {
        HttpRequestView sdk = signed(key);
        HttpRequestView raw = SdkSigning.withTarget(sdk, "/datalake/" + rawUtf8(key), "");
        assertEquals("/datalake/" + key, raw.target().path());
        assertEquals("alice", authenticator.authenticate(raw).name());
    }

    /** Space, plus and percent verify only as the characters they were signed as. */
    @Test
    void spacePlusAndPercentVerifyOnlyAsSigned() {
        HttpRequestView r = signed("t/a b+c%d/f");
        assertEquals("/datalake/t/a%20b%2Bc%25d/f", SdkSigning.rawPath(r));
        assertEquals("alice", authenticator.authenticate(SdkSigning.withTarget(r, "/datalake/t/a%20b+c%25d/f", ""))
                .name());
        refused(SdkSigning.withTarget(r, "/datalake/t/a+b+c%25d/f", ""));
        refused(SdkSigning.withTarget(r, "/datalake/t/a%20b%20c%25d/f", ""));
        refused(SdkSigning.withTarget(r, "/datalake/t/a%20b+c%2525d/f", ""));
    }

    private HttpRequestView presignedListing(String prefix) {
        SdkHttpFullRequest listing = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host(SdkSigning.HOST).port(SdkSigning.PORT).encodedPath("/datalake")
                .putRawQueryParameter("list-type", "2").putRawQueryParameter("prefix", prefix).build();
        return SdkSigning.presign(listing, AK, SECRET, "us-east-1", clock, Duration.ofMinutes(5));
    }

    /**
     * The attack: a presigned listing for the prefix {@code t/a+b} (sent as {@code a%2Bb}) used to verify with
     * {@code a+b} on the wire, which the listing read as {@code t/a b}. Now {@code +} is a space for both.
     */
    @Test
    void aPresignedListingCannotBePointedAtAnotherPrefix() {
        HttpRequestView r = presignedListing("t/a+b");
        String wire = SdkSigning.rawQuery(r);
        assertEquals("alice", authenticator.authenticate(r).name());
        assertEquals("t/a+b", r.target().parameter("prefix").orElseThrow());
        HttpRequestView attack = SdkSigning.withTarget(r, "/datalake", wire.replace("a%2Bb", "a+b"));
        assertEquals("t/a b", attack.target().parameter("prefix").orElseThrow());
        refused(attack);
    }

    /** A URL that writes a signed space as {@code +} (URLSearchParams does) verifies and lists that space. */
    @Test
    void aPlusForASignedSpaceVerifiesAsTheSpace() {
        HttpRequestView r = presignedListing("t/a b");
        String wire = SdkSigning.rawQuery(r);
        HttpRequestView plus = SdkSigning.withTarget(r, "/datalake", wire.replace("a%20b", "a+b"));
        assertEquals("alice", authenticator.authenticate(plus).name());
        assertEquals("t/a b", plus.target().parameter("prefix").orElseThrow());
    }
}
