package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        for (var cursor : List.of(new ListCursor("trades", Optional.of("backend-token/é")),
                new ListCursor("trips", Optional.empty()))) {
            assertEquals(cursor, tokens.open(tokens.seal(cursor, binding), binding));
        }
    }

    @Test
    void aTokenOnlyOpensForItsOwnRequest() {
        String token = tokens.seal(new ListCursor("trades", Optional.of("t")), binding);
        assertRejected(tokens, token, new ContinuationTokens.Binding("bob", "trades/", Optional.of("/")));
        assertRejected(tokens, token, new ContinuationTokens.Binding("alice", "trips/", Optional.of("/")));
        assertRejected(tokens, token, new ContinuationTokens.Binding("alice", "trades/", Optional.empty()));
        assertRejected(new ContinuationTokens(), token, binding);
    }

    @Test
    void editedOrMalformedTokensAreRejected() {
        String token = tokens.seal(new ListCursor("trades", Optional.of("t")), binding);
        int dot = token.indexOf('.');
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {0, 6, 'h', 'i', 'd',
                'd', 'e', 'n', 0}) + token.substring(dot);
        for (String bad : List.of(forged, token.substring(0, dot), "", ".", "a.b", "!!!.###", token + "x")) {
            assertRejected(tokens, bad, binding);
        }
    }
}
