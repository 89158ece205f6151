package proxy.delta.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.delta.io.StoreFileIO;
import proxy.storage.file.FileStore;

/** Commits a checkpoint covers: every file reference is read, the rest of each action is skipped. */
class RetainedCommitReaderTest {
    @TempDir
    Path dir;

    private final List<FileAction> files = new ArrayList<>();
    private final List<String> metadata = new ArrayList<>();
    private final ActionSink sink = new ActionSink() {
        @Override
        public void file(FileAction action) {
            files.add(action);
        }

        @Override
        public void metadata(String schemaString, Map<String, String> configuration) {
            metadata.add(schemaString);
        }
    };

    @Test
    void readsThePathsPartitionsAndDeletionVectorsOfAddsRemovesAndCdc() throws IOException {
        LogFile commit = commit(1, """
                {"commitInfo":{"operation":"WRITE","operationParameters":{"mode":"Append"}}}
                {"metaData":{"id":"x","schemaString":"{}","partitionColumns":["p"],"configuration":{}}}
                {"add":{"path":"p=1/a%20b.parquet","partitionValues":{"p":"1","q":null},"size":5,\
                "stats":"{\\"numRecords\\":1}","tags":{"k":"v"},"dataChange":true,\
                "deletionVector":{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":1,\
                "sizeInBytes":36,"cardinality":2}}}
                {"add":{"path":"p=1/c.parquet","partitionValues":{"q":null,"p":"1"},"size":5,                "modificationTime":1700000000123}}
                {"remove":{"path":"p=2/d.parquet","deletionTimestamp":1,"dataChange":true}}
                {"cdc":{"path":"_change_data/p=1/e.parquet","partitionValues":{"p":"1","q":null},"size":1}}
                {"txn":{"appId":"a","version":3}}
                """);
        new RetainedCommitReader(io()).read(List.of(commit), sink);

        assertEquals(4, files.size());
        Map<String, String> p1 = new HashMap<>();
        p1.put("p", "1");
        p1.put("q", null);
        assertEquals(new FileAction(FileAction.Type.ADD, "p=1/a%20b.parquet", p1,
                Optional.of(new FileAction.DeletionVectorRef("u", "ab^-aqEH.-t@S}K{vb[*k^", 1, 36)), 5, -1),
                files.get(0));
        assertEquals(new FileAction(FileAction.Type.ADD, "p=1/c.parquet", p1, Optional.empty(), 5, 1700000000123L),
                files.get(1));
        assertEquals(new FileAction(FileAction.Type.REMOVE, "p=2/d.parquet", Map.of(), Optional.empty()),
                files.get(2));
        assertEquals(new FileAction(FileAction.Type.CDC, "_change_data/p=1/e.parquet", p1, Optional.empty(), 1, -1),
                files.get(3));
        assertTrue(metadata.isEmpty(), "the checkpoint, not an older commit, gives the table's metadata");
    }

    @Test
    void equalConsecutivePartitionValuesShareOneMap() throws IOException {
        LogFile commit = commit(2, """
                {"add":{"path":"p=1/a.parquet","partitionValues":{"p":"1"}}}
                {"add":{"path":"p=1/b.parquet","partitionValues":{"p":"1"}}}
                """);
        new RetainedCommitReader(io()).read(List.of(commit), sink);
        assertSame(files.get(0).partitionValues(), files.get(1).partitionValues());
    }

    @Test
    void refusesMalformedCommits() throws IOException {
        LogFile number = commit(3, "{\"add\":{\"path\":\"p=1/a.parquet\",\"partitionValues\":{\"p\":1}}}\n");
        assertThrows(IOException.class, () -> new RetainedCommitReader(io()).read(List.of(number), sink));
        LogFile truncated = commit(4, "{\"add\":{\"path\":\"p=1/a.parquet\",\"partitionValues\":{\n");
        assertThrows(IOException.class, () -> new RetainedCommitReader(io()).read(List.of(truncated), sink));
        LogFile notObject = commit(5, "[1]\n");
        assertThrows(IOException.class, () -> new RetainedCommitReader(io()).read(List.of(notObject), sink));
    }

    private StoreFileIO io() {
        return new StoreFileIO(new FileStore(dir.toUri(), dir));
    }

    private LogFile commit(long version, String text) throws IOException {
        String key = LogFile.commitKey(version);
        Path file = dir.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return LogFile.parse(key, Files.size(file)).orElseThrow();
    }
}
