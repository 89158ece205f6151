package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

class KeyDecoderTest {

    @Test
    void decodesEscapesExactlyOnce() {
        assertEquals("trades/a b/%41+é", KeyDecoder.decode("trades/a%20b/%2541+%C3%A9"));
        assertEquals("trades/a/b", KeyDecoder.decode("trades/a%2Fb"));
        assertEquals("trades/dir/", KeyDecoder.decode("trades/dir/"));
    }

    @Test
    void rawLatin1CharsAreTakenAsBytes() {
        assertEquals("é", KeyDecoder.percentDecode("\u00C3\u00A9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "a%2", "%", "%C3%28", "%FF", "a/../b", "a/%2e%2e/b", "%2E", "a/./b", "a//b",
        "/a", "a%00b", "a%5Cb", "a\\b", "a%7Fb", "a%09b", "..", "a/.."})
    void rejectsEveryMalformedKeyWithInvalidUri(String raw) {
        var e = assertThrows(S3Exception.class, () -> KeyDecoder.decode(raw));
        assertEquals(S3ErrorCode.INVALID_URI, e.code());
    }

    @Test
    void keysOver1024Utf8BytesAreTooLong() {
        assertEquals(1024, KeyDecoder.decode("k".repeat(1024)).length());
        var e = assertThrows(S3Exception.class, () -> KeyDecoder.decode("%C3%A9".repeat(513)));
        assertEquals(S3ErrorCode.KEY_TOO_LONG, e.code());
    }
}
