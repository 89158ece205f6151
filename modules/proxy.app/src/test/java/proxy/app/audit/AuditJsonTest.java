package proxy.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import proxy.api.audit.AuditEvent;
import proxy.api.audit.AuditEvent.Mode;
import proxy.api.audit.AuditEvent.Routing;
import proxy.api.audit.AuditEvent.Verdict;

class AuditJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private static AuditEvent event(String key) {
        return new AuditEvent(Instant.parse("2026-01-02T03:04:05.678Z"), "0123456789ABCDEF", "alice", "GetObject",
                "trades", key, Verdict.ALLOW, "user alice: {MIC=XLON}", 200, 1234, 17, Mode.PROXY, null,
                Routing.STREAM_CLIENT);
    }

    @Test
    void everyFieldIsWrittenInOrderWithNullsForAbsentValues() throws Exception {
        String line = AuditJson.line(new AuditEvent(Instant.parse("2026-01-02T03:04:05Z"), "ID", null, "Invalid",
                null, null, Verdict.NONE, null, 404, 0, 3, Mode.ANSWERED, "NoSuchBucket", null));
        assertEquals("{\"time\":\"2026-01-02T03:04:05Z\",\"requestId\":\"ID\",\"principal\":null,"
                + "\"operation\":\"Invalid\",\"table\":null,\"key\":null,\"decision\":\"none\",\"reason\":null,"
                + "\"status\":404,\"bytesSent\":0,\"durationMillis\":3,\"mode\":\"answered\","
                + "\"errorCode\":\"NoSuchBucket\",\"routing\":null}\n", line);
        JsonNode node = mapper.readTree(line);
        assertTrue(node.get("principal").isNull());
        assertEquals(14, node.size());
    }

    @Test
    void hostileKeysRoundTripThroughAJsonParserOnOneLine() throws Exception {
        List<String> keys = List.of(
                "trades/quote\"d/part.parquet",
                "trades/back\\slash\\\\/x",
                "trades/new\nline/and\rreturn\ttab",
                "trades/ctl\u0000\u0001\u001f\u007f/x",
                "trades/city=Zürich/日本/😀.parquet",
                "trades/sep\u2028\u2029/x",
                "trades/lone\ud800surrogate/\udc00x",
                "\"}, {\"injected\": true");
        for (String key : keys) {
            String line = AuditJson.line(event(key));
            assertTrue(line.endsWith("}\n"), line);
            assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
            assertFalse(line.contains("\r") || line.contains("\u2028"), line);
            JsonNode node = mapper.readTree(line);
            assertEquals(key, node.get("key").asText(), line);
            assertEquals(14, node.size(), line);
            assertEquals("stream-client", node.get("routing").asText());
            assertEquals("user alice: {MIC=XLON}", node.get("reason").asText());
            assertEquals(1234, node.get("bytesSent").asLong());
            assertEquals("2026-01-02T03:04:05.678Z", node.get("time").asText());
        }
    }

    @Test
    void nonAsciiIsWrittenAsUtf8NotEscaped() {
        String line = AuditJson.line(event("trades/city=Zürich/😀"));
        assertTrue(line.contains("city=Zürich/😀"), line);
        assertTrue(AuditJson.line(event("a\"b\\c\nd")).contains("\"key\":\"a\\\"b\\\\c\\nd\""));
        assertTrue(AuditJson.line(event("x\u0001")).contains("\"key\":\"x\\u0001\""));
    }
}
