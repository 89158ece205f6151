package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.delta.FileClass;
import proxy.api.delta.IndexContext;
import proxy.api.delta.PartitionValues;

/**
 * Freshness and failure behaviour on a small hand-written table: refresh on an unknown key reads only the new
 * commit, misses are rate-limited, the background loop picks up commits, an unreadable log fails closed
 * until it becomes readable, and a root without a log is an empty table until its first commit.
 */
class DeltaTableIndexTest {
    private static final String METADATA = """
            {"protocol":{"minReaderVersion":1,"minWriterVersion":2}}
            {"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":\
            "{\\"type\\":\\"struct\\",\\"fields\\":[{\\"name\\":\\"MIC\\",\\"type\\":\\"string\\",\\"nullable\\":true,\
            \\"metadata\\":{}},{\\"name\\":\\"v\\",\\"type\\":\\"long\\",\\"nullable\\":true,\\"metadata\\":{}}]}",\
            "partitionColumns":["MIC"],"configuration":{},"createdTime":1}}
            """;

    @TempDir
    Path table;

    private final TestTables.ManualClock clock = new TestTables.ManualClock();
    private final RecordingMetrics metrics = new RecordingMetrics();

    @Test
    void aFileOfANewCommitIsReadableAtOnceAndOnlyTheNewCommitIsRead() throws IOException {
        commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
        commit(1, add("MIC=XPAR/b.parquet", "XPAR"));
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600)) {
            assertEquals(dataFile("XLON"), index.lookup("MIC=XLON/a.parquet"));
            assertEquals(1, index.version());
            int getsBefore = store.gotKeys().size();

            commit(2, add("MIC=XLON/c%20d+e.parquet", "XLON"));
            assertEquals(dataFile("XLON"), index.lookup("MIC=XLON/c d+e.parquet"));
            assertEquals(2, index.version());
            assertEquals(List.of("_delta_log/00000000000000000002.json"),
                    store.gotKeys().subList(getsBefore, store.gotKeys().size()));
            assertEquals(3, index.commitsRead());
            assertEquals(2, metrics.refreshes.get());
        }
    }

    @Test
    void theLogIsReadOnAPlatformThreadWhenVirtualThreadsAsk() throws Exception {
        commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600)) {
            var readers = new ArrayList<Thread>();
            for (int i = 0; i < 4; i++) {
                readers.add(Thread.ofVirtual().start(() -> index.lookup("MIC=XLON/a.parquet")));
            }
            for (Thread reader : readers) {
                reader.join();
            }
            commit(1, add("MIC=XPAR/b.parquet", "XPAR"));
            Thread.ofVirtual().start(() -> index.lookup("MIC=XPAR/b.parquet")).join();
            assertEquals(1, index.version());
            assertTrue(store.gotKeys().size() >= 2, "the log was read");
            assertEquals(0, store.virtualThreadReads(), "class initialization on a virtual thread pins its carrier");
        }
    }

    @Test
    void refreshesOnMissesAreRateLimited() throws IOException {
        commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600)) {
            assertEquals(FileClass.UNKNOWN, index.lookup("MIC=XLON/orphan.parquet"));
            assertEquals(2, metrics.refreshes.get(), "first load, then one refresh for the miss");
            commit(1, add("MIC=XLON/b.parquet", "XLON"));
            assertEquals(FileClass.UNKNOWN, index.lookup("MIC=XLON/b.parquet"), "within a second: no refresh");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(dataFile("XLON"), index.lookup("MIC=XLON/b.parquet"));
            assertEquals(3, metrics.refreshes.get());
            assertTrue(metrics.misses.get() >= 3 && metrics.hits.get() == 0);
        }
    }

    @Test
    void theBackgroundLoopPicksUpNewCommits() throws Exception {
        commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 1)) {
            index.refresh();
            commit(1, add("MIC=XLON/b.parquet", "XLON"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (index.version() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, index.version());
        }
    }

    @Test
    void anUnreadableLogFailsClosedAndRecovers() throws IOException {
        Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(table.resolve("_delta_log/00000000000000000000.json"), "{not json");
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600)) {
            assertUnavailable(() -> index.lookup("MIC=XLON/a.parquet"));
            assertUnavailable(() -> index.anyFileUnder("", pv -> true));
            assertUnavailable(index::dataFileCounts);
            assertUnavailable(index::refresh);
            assertEquals(-1, index.version());

            commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
            assertUnavailable(() -> index.lookup("MIC=XLON/a.parquet")); // retried at most once a second
            clock.advance(Duration.ofSeconds(1));
            assertEquals(dataFile("XLON"), index.lookup("MIC=XLON/a.parquet"));
            assertTrue(metrics.failedRefreshes.get() >= 2);
        }
    }

    @Test
    void concurrentFirstReadersShareOneLoad() throws Exception {
        commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600);
             var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<FileClass>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> index.lookup("MIC=XLON/a.parquet")));
            }
            for (var r : results) {
                assertEquals(dataFile("XLON"), r.get());
            }
            assertEquals(1, metrics.refreshes.get());
            assertEquals(1, index.commitsRead());
        }
    }

    @Test
    void aJsonV2CheckpointAloneCarriesTheFilesBeforeIt() throws IOException {
        commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
        commit(1, add("MIC=XPAR/b.parquet", "XPAR"));
        Files.writeString(table.resolve("_delta_log/00000000000000000001.checkpoint."
                + "3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json"), "{\"checkpointMetadata\":{\"version\":1}}\n"
                + METADATA + add("MIC=XLON/a.parquet", "XLON") + add("MIC=XPAR/b.parquet", "XPAR"));
        Files.delete(table.resolve("_delta_log/00000000000000000000.json"));
        Files.delete(table.resolve("_delta_log/00000000000000000001.json"));
        commit(2, add("MIC=XMIL/c.parquet", "XMIL"));
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600)) {
            assertEquals(dataFile("XLON"), index.lookup("MIC=XLON/a.parquet"));
            assertEquals(dataFile("XPAR"), index.lookup("MIC=XPAR/b.parquet"));
            assertEquals(dataFile("XMIL"), index.lookup("MIC=XMIL/c.parquet"));
            assertEquals(2, index.version());
        }
    }

    @Test
    void aRootWithoutALogIsAnEmptyTableUntilItsFirstCommit() throws IOException {
        Files.writeString(table.resolve("stray.parquet"), "x");
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600)) {
            assertEquals(FileClass.UNKNOWN, index.lookup("stray.parquet"), "nothing is readable");
            assertEquals(-1, index.version());
            assertEquals(Map.of(), index.dataFileCounts());

            commit(0, METADATA + add("MIC=XLON/a.parquet", "XLON"));
            index.refresh();
            assertEquals(0, index.version());
            assertEquals(dataFile("XLON"), index.lookup("MIC=XLON/a.parquet"));
            assertEquals(FileClass.UNKNOWN, index.lookup("stray.parquet"));
        }
    }

    @Test
    void pathsLeavingTheTableAreNeverIndexed() throws IOException {
        String outside = table.getParent().toUri() + "other/x.parquet";
        String inside = table.toUri() + "MIC=XLON/abs.parquet";
        commit(0, METADATA + add("../escape.parquet", "XLON") + add(outside, "XLON") + add(inside, "XLON"));
        try (RecordingStore store = new RecordingStore(table); DeltaTableIndex index = open(store, 3600)) {
            assertEquals(dataFile("XLON"), index.lookup("MIC=XLON/abs.parquet"));
            assertEquals(Map.of(new PartitionValues(Map.of("MIC", "XLON")), 1L), index.dataFileCounts());
        }
    }

    private DeltaTableIndex open(RecordingStore store, int refreshSeconds) {
        return (DeltaTableIndex) new DeltaIndexProvider().create(new IndexContext("t", store,
                TestTables.context(store.root(), clock, metrics, refreshSeconds)));
    }

    private static FileClass dataFile(String mic) {
        return new FileClass.DataFile(new PartitionValues(Map.of("MIC", mic)));
    }

    private static String add(String path, String mic) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"MIC\":\"" + mic
                + "\"},\"size\":1,\"modificationTime\":1,\"dataChange\":true}}\n";
    }

    private void commit(long version, String body) throws IOException {
        Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(table.resolve(String.format("_delta_log/%020d.json", version)), body, StandardCharsets.UTF_8);
    }

    private static void assertUnavailable(Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, e.code());
    }
}
