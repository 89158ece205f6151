package proxy.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyCacheTest {
    private final List<Boolean> accesses = new ArrayList<>();
    private final SigningKeyCache cache = new SigningKeyCache(2, accesses::add);

    /** The example of the AWS SigV4 documentation ("Examples of how to derive a signing key"). */
    @Test
    void derivesTheDocumentedKey() {
        SigningKey key = cache.signingKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830",
                "us-east-1", "iam");
        String stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
                + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59";
        assertEquals("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
                key.signatureHex(stringToSign));
    }

    @Test
    void aKeyIsReusedUntilItsSecretChanges() {
        SigningKey first = cache.signingKey("AK", "one", "20260101", "us-east-1", "s3");
        assertSame(first, cache.signingKey("AK", "one", "20260101", "us-east-1", "s3"));
        SigningKey rotated = cache.signingKey("AK", "two", "20260101", "us-east-1", "s3");
        assertNotEquals(first.signatureHex("x"), rotated.signatureHex("x"));
        assertNotEquals(rotated.signatureHex("x"),
                cache.signingKey("AK", "two", "20260102", "us-east-1", "s3").signatureHex("x"));
        assertEquals(List.of(false, true, false, false), accesses);
    }

    @Test
    void theLeastRecentlyUsedKeyIsDroppedBeyondTheBound() {
        SigningKey a = cache.signingKey("A", "s", "20260101", "r", "s3");
        cache.signingKey("B", "s", "20260101", "r", "s3");
        cache.signingKey("C", "s", "20260101", "r", "s3");
        SigningKey again = cache.signingKey("A", "s", "20260101", "r", "s3");
        assertNotEquals(System.identityHashCode(a), System.identityHashCode(again));
        assertEquals(a.signatureHex("x"), again.signatureHex("x"));
        assertEquals(List.of(false, false, false, false), accesses);
    }

    @Test
    void aKeyNeverPrintsItself() {
        assertEquals("SigningKey[****]", cache.signingKey("A", "s", "20260101", "r", "s3").toString());
    }
}
