package proxy.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.Conditions;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectStore;

/** What every writable store does: conditional creates, user metadata, deletes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreWritesContract {

    /** A store over an empty, writable root. */
    protected abstract ObjectStore store();

    @Test
    void aConditionalCreateWritesOnceAndNeverReplaces() throws IOException {
        String key = "MIC=XLON/" + UUID.randomUUID() + ".parquet";
        store().put(key, object("first", Map.of("delta-proxy-writer", "YWxpY2U"), true));
        var e = assertThrows(S3Exception.class, () -> store().put(key, object("second", Map.of(), true)));
        assertEquals(S3ErrorCode.PRECONDITION_FAILED, e.code());
        assertEquals("first", read(key));
        assertEquals(Map.of("delta-proxy-writer", "YWxpY2U"), store().metadata(key));
    }

    @Test
    void anUnconditionalPutReplaces() throws IOException {
        String key = "_delta_log/_last_checkpoint";
        store().put(key, object("{\"version\":1}", Map.of(), false));
        store().put(key, object("{\"version\":2}", Map.of(), false));
        assertEquals("{\"version\":2}", read(key));
    }

    @Test
    void deleteRemovesAndAMissingKeyIsNoError() {
        String key = UUID.randomUUID() + ".parquet";
        store().put(key, object("x", Map.of(), true));
        store().delete(key);
        assertEquals(S3ErrorCode.NO_SUCH_KEY, assertThrows(S3Exception.class, () -> store().head(key)).code());
        store().delete(key);
        assertEquals(S3ErrorCode.NO_SUCH_KEY, assertThrows(S3Exception.class, () -> store().metadata(key)).code());
    }

    @Test
    void aBodyShorterThanItsLengthWritesNothing() {
        String key = UUID.randomUUID() + ".parquet";
        byte[] three = "abc".getBytes(StandardCharsets.UTF_8);
        assertThrows(RuntimeException.class, () -> store().put(key, new NewObject(new ByteArrayInputStream(three),
                10, "application/octet-stream", Map.of(), true)));
        assertEquals(S3ErrorCode.NO_SUCH_KEY, assertThrows(S3Exception.class, () -> store().head(key)).code());
    }

    private static NewObject object(String text, Map<String, String> metadata, boolean ifAbsent) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new NewObject(() -> new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream", metadata,
                ifAbsent);
    }

    private String read(String key) throws IOException {
        try (ObjectContent content = store().get(key, Optional.empty(), Conditions.NONE)) {
            return new String(content.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
