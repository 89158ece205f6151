package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.RequestTarget;
import proxy.api.storage.ObjectKeys;

/** The one decoding ({@link RequestTarget}) and the one set of key rules ({@link ObjectKeys}, {@link ObjectKey}). */
class ObjectKeyTest {

    /** The key a raw bucket-relative path decodes to, as the parser computes it. */
    private static String key(String raw) {
        String path = RequestTarget.parse("/" + raw, "").path();
        return ObjectKey.of(path.substring(1)).full();
    }

    @Test
    void decodesEscapesExactlyOnce() {
        assertEquals("trades/a b/%41+é", key("trades/a%20b/%2541+%C3%A9"));
        assertEquals("trades/a/b", key("trades/a%2Fb"));
        assertEquals("trades/dir/", key("trades/dir/"));
    }

    /** The JDK server reads the request line as ISO-8859-1: a raw UTF-8 byte arrives as one char up to U+00FF. */
    @Test
    void rawBytesAreTakenAsBytesAndMustBeUtf8() {
        assertEquals("t/é", key("t/\u00C3\u00A9"));
        assertEquals("t/東京😀", key("t/\u00E6\u009D\u00B1\u00E4\u00BA\u00AC%F0%9F%98%80"));
        assertThrows(S3Exception.class, () -> key("t/\u00E9"));
    }

    @Test
    void plusIsAPlusInThePathAndASpaceInTheQuery() {
        var target = RequestTarget.parse("/b/a+b", "prefix=a+b&marker=a%2Bb&x=%20");
        assertEquals("/b/a+b", target.path());
        assertEquals("a b", target.parameter("prefix").orElseThrow());
        assertEquals("a+b", target.parameter("marker").orElseThrow());
        assertEquals(" ", target.parameter("x").orElseThrow());
    }

    @Test
    void queryParametersKeepArrivalOrderAndTheFirstValueWins() {
        var target = RequestTarget.parse("/", "b=1&&a&b=2&=x");
        assertEquals(List.of(new RequestTarget.Parameter("b", "1"), new RequestTarget.Parameter("a", ""),
                new RequestTarget.Parameter("b", "2")), target.query());
        assertEquals("1", target.parameter("b").orElseThrow());
        assertTrue(target.has("a"));
        assertFalse(target.has("c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "a%2", "%", "%C3%28", "%FF", "a/../b", "a/%2e%2e/b", "%2E", "a/./b", "a//b",
        "/a", "a%00b", "a%5Cb", "a\\b", "a%7Fb", "a%09b", "..", "a/..", "a%EF%BF%BF", "\u00FF",
        // escapes whose digits are other scripts' digits (fullwidth ４１, Arabic-Indic ٤), sent raw as UTF-8
        "%\u00EF\u00BC\u0094\u00EF\u00BC\u0091", "%\u00D9\u00A41"})
    void rejectsEveryMalformedKeyWithInvalidUri(String raw) {
        var e = assertThrows(S3Exception.class, () -> key(raw));
        assertEquals(S3ErrorCode.INVALID_URI, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "%C3%28", "a%", "%FF", "%\u00D9\u00A41"})
    void malformedQueryParametersAreInvalidArgument(String raw) {
        var e = assertThrows(S3Exception.class, () -> RequestTarget.parse("/", "prefix=" + raw));
        assertEquals(S3ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void keysOver1024Utf8BytesAreTooLong() {
        assertEquals(1024, key("k".repeat(1022) + "/k").length());
        var e = assertThrows(S3Exception.class, () -> key("t/" + "%C3%A9".repeat(512)));
        assertEquals(S3ErrorCode.KEY_TOO_LONG, e.code());
    }

    @Test
    void prefixesFollowTheSameRulesForTheirCompleteSegments() {
        for (String ok : List.of("", "trades", "trades/", "trades/MIC=X", "trades/..x", "trades/.", "a/..")) {
            assertTrue(ObjectKeys.validPrefix(ok), ok);
        }
        for (String bad : List.of("/", "a//", "a/../", "./a", "a\\b", "a\u0000", "a\uFFFE")) {
            assertFalse(ObjectKeys.validPrefix(bad), bad);
        }
    }
}
