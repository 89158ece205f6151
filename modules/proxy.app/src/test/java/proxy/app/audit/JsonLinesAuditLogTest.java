package proxy.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.audit.AuditEvent;
import proxy.api.audit.AuditEvent.Mode;
import proxy.api.audit.AuditEvent.Verdict;
import proxy.api.audit.AuditLog;
import proxy.api.config.AuditConfig;
import proxy.api.config.ConfigException;

class JsonLinesAuditLogTest {
    @TempDir
    Path dir;

    private static AuditEvent event(String requestId) {
        return new AuditEvent(Instant.now(), requestId, "alice", "GetObject", "trades", "trades/k\nwith newline",
                Verdict.DENY, "no grant", 403, 243, 1, Mode.ANSWERED, "AccessDenied", null);
    }

    @Test
    void concurrentRequestsAppendWholeLinesToTheFile() throws Exception {
        Path file = dir.resolve("audit.log");
        Files.writeString(file, "{\"earlier\":true}\n");
        AuditLog log = JsonLinesAuditLog.open(new AuditConfig("file:" + file), System.out, System.err);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2000; i++) {
                String id = "R" + i;
                executor.submit(() -> log.record(event(id)));
            }
        }
        ((JsonLinesAuditLog) log).close();
        log.record(event("after-close"));
        List<String> lines = Files.readAllLines(file);
        assertEquals(2001, lines.size(), "the earlier line is kept (append) and every event is one line");
        var mapper = new ObjectMapper();
        var ids = new HashSet<String>();
        for (String line : lines.subList(1, lines.size())) {
            ids.add(mapper.readTree(line).get("requestId").asText());
        }
        assertEquals(2000, ids.size());
    }

    @Test
    void standardStreamsAreWrittenAndLeftOpen() {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var log = (JsonLinesAuditLog) JsonLinesAuditLog.open(AuditConfig.DEFAULT, out, System.err);
        log.record(event("R1"));
        log.close();
        out.println("still open");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"time\":"), text);
        assertTrue(text.endsWith("}\nstill open" + System.lineSeparator()), text);
    }

    @Test
    void aLineIsWrittenSoonAfterItsRequestEndedNotOnlyAtClose() throws Exception {
        Path file = dir.resolve("live.log");
        var log = (JsonLinesAuditLog) JsonLinesAuditLog.open(new AuditConfig("file:" + file), System.out, System.err);
        try {
            log.record(event("R1"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.readString(file).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            List<String> lines = Files.readAllLines(file);
            assertEquals(1, lines.size());
            assertTrue(lines.getFirst().contains("\"requestId\":\"R1\""), lines.getFirst());
        } finally {
            log.close();
        }
    }

    @Test
    void offRecordsNothingAndAnUnopenableFileNamesTheKey() {
        assertSame(AuditLog.OFF, JsonLinesAuditLog.open(new AuditConfig("off"), System.out, System.err));
        var e = assertThrows(ConfigException.class, () -> JsonLinesAuditLog.open(
                new AuditConfig("file:" + dir.resolve("missing/dir/audit.log")), System.out, System.err));
        assertEquals("audit.destination", e.key());
    }

    @Test
    void aFailingStreamNeverFailsTheRequest() {
        var broken = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }
        });
        var log = assertInstanceOf(JsonLinesAuditLog.class,
                JsonLinesAuditLog.open(new AuditConfig("stderr"), System.out, broken));
        log.record(event("R1"));
        log.record(event("R2"));
        log.close();
    }
}
