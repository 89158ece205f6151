package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.delta.FileClass;
import proxy.api.delta.IndexContext;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;
import proxy.api.metrics.ProxyMetrics;
import proxy.testkit.TreeCopy;

/** The project's fixture tables (test-fixtures/tables, written by Delta Kernel), as their README describes them. */
class FixtureTablesTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"trades", "history", "nulls_and_escapes", "nulls_and_escapes_kernel", "colmap"})
    void everyCommittedFileIsIndexed(String name) throws IOException {
        Path table = fixture(name);
        GoldenTablesTest.checkEveryCommittedFile(table);
        GoldenTablesTest.checkUnreferencedAreUnknown(table);
        GoldenTablesTest.checkDataFileCounts(table);
    }

    @Test
    void tradesHasItsFilesPerMicAndDate() throws IOException {
        try (RecordingStore store = new RecordingStore(fixture("trades")); TableIndex index = GoldenTablesTest.open(store)) {
            Map<PartitionValues, Long> expected = new HashMap<>();
            for (String mic : List.of("XLON", "XETR", "XMIL", "XPAR")) {
                for (String date : List.of("2024-01-01", "2024-01-02", "2024-01-03")) {
                    boolean two = mic.equals("XLON") && date.endsWith("01") || mic.equals("XETR") && date.endsWith("03");
                    expected.put(new PartitionValues(Map.of("MIC", mic, "date", date)), two ? 2L : 1L);
                }
            }
            assertEquals(expected, index.dataFileCounts());
            assertEquals(4, index.version());
            assertTrue(index.anyFileUnder("MIC=XLON/", pv -> "XLON".equals(pv.values().get("MIC"))));
            assertFalse(index.anyFileUnder("MIC=XLON/", pv -> "XPAR".equals(pv.values().get("MIC"))));
            assertTrue(index.anyFileUnder("MIC=XETR/date=2024-01-0", pv -> "2024-01-03".equals(pv.values().get("date"))));
            assertFalse(index.anyFileUnder("MIC=XETR/date=2024-01-02/", pv -> "2024-01-03".equals(pv.values().get("date"))));
        }
    }

    @Test
    void aColumnMappedTableWithoutDataLoads() throws IOException {
        try (RecordingStore store = new RecordingStore(fixture("colmap")); TableIndex index = GoldenTablesTest.open(store)) {
            assertEquals(-1, index.version(), "not loaded before first use");
            assertEquals(Map.of(), index.dataFileCounts());
            assertEquals(0, index.version());
            assertEquals(FileClass.DELTA_LOG, index.lookup("_delta_log/00000000000000000000.json"));
        }
    }

    @Test
    void historyKeepsRemovedFilesOfRetainedCommits() throws IOException {
        try (RecordingStore store = new RecordingStore(fixture("history")); TableIndex index = GoldenTablesTest.open(store)) {
            assertEquals(Map.of(region("EU"), 6L, region("US"), 3L, region("APAC"), 3L, region("LATAM"), 1L),
                    index.dataFileCounts());
            assertEquals(13, index.version());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nulls_and_escapes", "nulls_and_escapes_kernel"})
    void escapedAndNullPartitionValuesAreThoseOfTheLog(String name) throws IOException {
        Map<Integer, String> cityById = new HashMap<>(Map.of(0, "plain", 2, "New York", 3, "a=b", 4, "100%",
                5, "a/b", 6, "a+b", 7, "12:30", 8, "Zürich", 9, "東京"));
        cityById.put(1, null);
        Path table = fixture(name);
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store);
             Stream<Path> files = Files.walk(table)) {
            List<Path> parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
            assertEquals(10, parquet.size());
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Path p : parquet) {
                var found = (FileClass.DataFile) index.lookup(table.relativize(p).toString());
                String city = found.partition().values().get("city");
                assertTrue(cityById.containsValue(city), String.valueOf(city));
                seen.add(String.valueOf(city));
            }
            assertEquals(10, seen.size(), "every value once");
        }
    }

    @Test
    void anAppendedCommitOfACopiedFixtureIsReadableAtOnce() throws IOException {
        Path table = temp.resolve("trades");
        TreeCopy.copy(fixture("trades"), table);
        try (RecordingStore store = new RecordingStore(table);
             DeltaTableIndex index = (DeltaTableIndex) new DeltaIndexProvider().create(new IndexContext("trades", store,
                     TestTables.context(store.root(), Clock.systemUTC(), ProxyMetrics.NOOP, 3600)))) {
            index.refresh();
            long readBefore = index.commitsRead();
            int getsBefore = store.gotKeys().size();
            String key = "MIC=XLON/date=2024-01-04/new file.parquet";
            Files.writeString(table.resolve("_delta_log/00000000000000000005.json"),
                    "{\"add\":{\"path\":\"MIC=XLON/date=2024-01-04/new%20file.parquet\",\"partitionValues\":"
                            + "{\"MIC\":\"XLON\",\"date\":\"2024-01-04\"},\"size\":1,\"modificationTime\":1,"
                            + "\"dataChange\":true}}\n", StandardCharsets.UTF_8);
            assertEquals(new FileClass.DataFile(new PartitionValues(Map.of("MIC", "XLON", "date", "2024-01-04"))),
                    index.lookup(key));
            assertEquals(5, index.version());
            assertEquals(readBefore + 1, index.commitsRead());
            assertEquals(List.of("_delta_log/00000000000000000005.json"),
                    store.gotKeys().subList(getsBefore, store.gotKeys().size()));
        }
    }

    @Test
    void aNewCheckpointDoesNotCauseAFullReload() throws IOException {
        Path table = temp.resolve("history");
        TreeCopy.copy(fixture("history"), table);
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store)) {
            index.refresh();
            int getsBefore = store.gotKeys().size();
            Files.copy(table.resolve("_delta_log/00000000000000000010.checkpoint.parquet"),
                    table.resolve("_delta_log/00000000000000000014.checkpoint.parquet"));
            Files.writeString(table.resolve("_delta_log/00000000000000000014.json"),
                    "{\"commitInfo\":{\"operation\":\"WRITE\"}}\n");
            index.refresh();
            assertEquals(14, index.version());
            assertEquals(List.of("_delta_log/00000000000000000014.json"),
                    store.gotKeys().subList(getsBefore, store.gotKeys().size()));
        }
    }

    private static PartitionValues region(String r) {
        return new PartitionValues(Map.of("region", r));
    }

    /** A fixture table of test-fixtures/tables (the test is skipped without it). */
    static Path fixture(String name) {
        Path root = Path.of(System.getProperty("project.root", ""));
        Path table = root.toAbsolutePath().resolve("test-fixtures/tables").resolve(name);
        assumeTrue(Files.isDirectory(table), "fixture " + name + " present");
        return table;
    }
}
