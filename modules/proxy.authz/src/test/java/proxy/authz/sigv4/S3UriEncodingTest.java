package proxy.authz.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import proxy.api.S3Exception;

class S3UriEncodingTest {

    /** The two passes, which {@link S3UriEncoding#canonical} skips for components already canonical. */
    private static String slow(String raw) {
        return S3UriEncoding.encode(S3UriEncoding.decode(raw));
    }

    @Test
    void canonicalComponentsAreReturnedAsTheyAre() {
        for (String raw : new String[] {"", "abc", "MIC%3DXLON", "a-b_c.d~e", "%E6%9D%B1", "%2F%20%2B"}) {
            assertTrue(S3UriEncoding.isCanonical(raw), raw);
            assertEquals(raw, S3UriEncoding.canonical(raw));
        }
    }

    @Test
    void otherSpellingsAreRewritten() {
        assertEquals("MIC%3DXLON", S3UriEncoding.canonical("MIC=XLON"));
        assertEquals("MIC%3DXLON", S3UriEncoding.canonical("MIC%3dXLON"));
        assertEquals("A~", S3UriEncoding.canonical("%41%7E"));
        assertEquals("a%2Bb", S3UriEncoding.canonical("a+b"));
        assertEquals("Z%C3%BCrich", S3UriEncoding.canonical("Zürich"));
        for (String raw : new String[] {"MIC=XLON", "%3d", "%41", "a+b", "Zürich", "a b", "%7E"}) {
            assertFalse(S3UriEncoding.isCanonical(raw), raw);
        }
    }

    @Test
    void truncatedOrBadEscapesStayInvalid() {
        for (String raw : new String[] {"%", "%4", "a%", "%zz", "%G1"}) {
            assertThrows(S3Exception.class, () -> S3UriEncoding.canonical(raw), raw);
        }
    }

    @Test
    void theShortcutAgreesWithDecodingAndEncodingOnRandomInput() {
        String alphabet = "aZ09-._~%%%3DFfGe/+= ü東";
        var random = new Random(8);
        for (int n = 0; n < 200_000; n++) {
            var sb = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = sb.toString();
            String expected;
            try {
                expected = slow(raw);
            } catch (S3Exception e) {
                assertThrows(S3Exception.class, () -> S3UriEncoding.canonical(raw), raw);
                continue;
            }
            assertEquals(expected, S3UriEncoding.canonical(raw), raw);
        }
    }
}
