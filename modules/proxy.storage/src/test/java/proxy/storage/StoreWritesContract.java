package proxy.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.UploadedPart;

/** What every writable store does: conditional creates, user metadata, deletes, replay-safe multipart completion. */
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

    @Test
    void aReplayedCompletionOfTheSameUploadAndPartsReturnsTheObjectAndNothingElseDoes() throws IOException {
        String key = "MIC=XLON/" + UUID.randomUUID() + ".parquet";
        byte[] data = "parts of an upload".getBytes(StandardCharsets.UTF_8);
        String id = store().createMultipart(key, "application/octet-stream", Map.of("delta-proxy-writer", "YWxpY2U"));
        String etag = store().uploadPart(key, id, 1, new ByteArrayInputStream(data), data.length);
        List<UploadedPart> parts = store().listParts(key, id);
        ObjectMeta completed = store().completeMultipart(key, id, parts);
        assertEquals(completed.etag(), store().completeMultipart(key, id, parts).etag(), "a replay");
        var listed = List.of(new UploadedPart(1, etag, 0));
        assertEquals(Optional.of(completed.etag()), store().completedMultipart(key, id, listed).map(ObjectMeta::etag));
        assertEquals(Optional.empty(), store().completedMultipart(key, id,
                List.of(new UploadedPart(1, "\"0123456789abcdef0123456789abcdef\"", 0))), "other parts");
        String other = store().createMultipart(key, "application/octet-stream", Map.of());
        String otherTag = store().uploadPart(key, other, 1, new ByteArrayInputStream(data), data.length);
        assertEquals(Optional.empty(), store().completedMultipart(key, other, List.of(new UploadedPart(1, otherTag,
                0))), "another upload of the same bytes");
        var lost = assertThrows(S3Exception.class, () -> store().completeMultipart(key, other,
                store().listParts(key, other)));
        assertEquals(S3ErrorCode.PRECONDITION_FAILED, lost.code());
        assertEquals(new String(data, StandardCharsets.UTF_8), read(key));
        assertEquals(Map.of("delta-proxy-writer", "YWxpY2U"), store().metadata(key), "no token or stamp shown");
        store().abortMultipart(key, other);
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
