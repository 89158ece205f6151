package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

class ContinuationTokensTest {
    private final ContinuationTokens tokens = new ContinuationTokens();
    private final ContinuationTokens.Binding binding =
            new ContinuationTokens.Binding("alice", "trades/", Optional.of("/"));

    private void assertRejected(ContinuationTokens by, String token, ContinuationTokens.Binding as) {
        var e = assertThrows(S3Exception.class, () -> by.open(token, as));
        assertEquals(S3ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void roundTripsTheCursor() {
        for (var cursor : List.of(new ListCursor("trades/backend/é"),
                new ListCursor("trips/\uD83D\uDE00"))) {
            assertEquals(cursor, tokens.open(tokens.seal(cursor, binding), binding));
        }
    }

    @Test
    void aTokenOnlyOpensForItsOwnRequest() {
        String token = tokens.seal(new ListCursor("trades/t"), binding);
        assertRejected(tokens, token, new ContinuationTokens.Binding("bob", "trades/", Optional.of("/")));
        assertRejected(tokens, token, new ContinuationTokens.Binding("alice", "trips/", Optional.of("/")));
        assertRejected(tokens, token, new ContinuationTokens.Binding("alice", "trades/", Optional.empty()));
        assertRejected(new ContinuationTokens(), token, binding);
    }

    @Test
    void editedOrMalformedTokensAreRejected() {
        String token = tokens.seal(new ListCursor("trades/t"), binding);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        var edited = new ArrayList<String>();
        for (int at : new int[] {0, 12, bytes.length / 2, bytes.length - 1}) {
            byte[] copy = bytes.clone();
            copy[at] ^= 1;
            edited.add(Base64.getUrlEncoder().withoutPadding().encodeToString(copy));
        }
        for (String bad : edited) {
            assertRejected(tokens, bad, binding);
        }
        for (String bad : List.of(token.substring(0, token.length() - 2), "", ".", "a.b", "!!!.###", token + "x",
                Base64.getUrlEncoder().encodeToString(new byte[40]))) {
            assertRejected(tokens, bad, binding);
        }
    }

    @Test
    void theCursorIsEncryptedSoTheKeyItStoppedAtDoesNotShow() {
        String stoppedAt = "trips/_delta_log/secret-4998.tmp";
        String token = tokens.seal(new ListCursor(stoppedAt), binding);
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        assertFalse(token.contains("secret") || decoded.contains("secret") || decoded.contains("trips"), decoded);
        assertEquals(token, tokens.seal(new ListCursor(stoppedAt), binding), "sealing is deterministic");
        assertNotEquals(token, tokens.seal(new ListCursor(stoppedAt + "x"), binding));
        assertNotEquals(token, tokens.seal(new ListCursor(stoppedAt), new ContinuationTokens.Binding("alice",
                "trips/", Optional.of("/"))));
        assertNotEquals(token, new ContinuationTokens().seal(new ListCursor(stoppedAt), binding));
    }

    /** Changes one base64url character (one inside the text, so every one of its bits is used). */
    static String tamper(String token, int at) {
        return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    @Test
    void markersCarryThePrefixAndOtherMarkersAreKeys() {
        var cursor = new ListCursor("trips/x");
        String marker = tokens.sealMarker(cursor, binding);
        assertTrue(marker.startsWith(ContinuationTokens.MARKER_PREFIX), marker);
        assertEquals(Optional.of(cursor), tokens.openMarker(marker, binding));
        for (String key : List.of("trades/date=2024-01-01/part-0.parquet", "~", "~cursor", "cursor.x", "")) {
            assertEquals(Optional.empty(), tokens.openMarker(key, binding));
        }
        for (String bad : List.of(ContinuationTokens.MARKER_PREFIX, ContinuationTokens.MARKER_PREFIX + "abc",
                tamper(marker, ContinuationTokens.MARKER_PREFIX.length() + 20))) {
            var e = assertThrows(S3Exception.class, () -> tokens.openMarker(bad, binding));
            assertEquals(S3ErrorCode.INVALID_ARGUMENT, e.code());
        }
        var foreign = new ContinuationTokens.Binding("bob", "trades/", Optional.of("/"));
        assertThrows(S3Exception.class, () -> tokens.openMarker(marker, foreign));
    }

    @Test
    void theFirstKeySealsAndEveryKeyOpens() {
        byte[] old = new byte[32];
        byte[] fresh = new byte[32];
        java.util.Arrays.fill(fresh, (byte) 1);
        var before = new ContinuationTokens(List.of(old));
        var during = new ContinuationTokens(List.of(fresh, old));
        var after = new ContinuationTokens(List.of(fresh));
        var cursor = new ListCursor("trades/t");
        String sealedBefore = before.seal(cursor, binding);
        assertEquals(cursor, during.open(sealedBefore, binding), "a token in flight survives the rotation");
        assertEquals(sealedBefore, new ContinuationTokens(List.of(old)).seal(cursor, binding),
                "another instance with the same key seals the same token");
        String sealedDuring = during.seal(cursor, binding);
        assertEquals(sealedDuring, after.seal(cursor, binding), "the first key seals");
        assertEquals(cursor, after.open(sealedDuring, binding));
        assertRejected(after, sealedBefore, binding);
        assertRejected(during, sealedBefore, new ContinuationTokens.Binding("bob", "trades/", Optional.of("/")));
    }
}
