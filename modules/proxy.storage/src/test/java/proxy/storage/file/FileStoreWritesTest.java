package proxy.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectStore;
import proxy.storage.StoreWritesContract;

/** Writes of the file store: a temporary file linked into place, metadata in user extended attributes. */
class FileStoreWritesTest extends StoreWritesContract {
    @TempDir
    static Path temp;

    private Path root;
    private ObjectStore store;

    @BeforeAll
    void open() throws IOException {
        root = Files.createDirectory(temp.resolve("table"));
        store = new FileStore(root.toUri(), root);
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Test
    void aWriteThroughALinkedDirectoryLeavingTheRootCreatesNothingOutside() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        var e = assertThrows(S3Exception.class, () -> store.put("escape/new/x.parquet",
                new NewObject(new ByteArrayInputStream(new byte[1]), 1, "application/octet-stream", Map.of(), true)));
        assertEquals(S3ErrorCode.INVALID_ARGUMENT, e.code());
        assertFalse(Files.exists(outside.resolve("new")));
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws IOException {
        store.put("d/y.parquet", new NewObject(new ByteArrayInputStream(new byte[2]), 2, "application/octet-stream",
                Map.of(), true));
        try (var files = Files.list(root.resolve("d"))) {
            assertEquals(1, files.count());
        }
    }
}
