package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;

/** Behaviours named by particular golden tables. */
class GoldenSpecificsTest {

    @Test
    void columnMappingPartitionsUseLogicalNames() throws IOException {
        Path table = table("data-reader-timestamp_ntz-name-mode");
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store)) {
            Set<PartitionValues> partitions = index.dataFileCounts().keySet();
            assertFalse(partitions.isEmpty());
            for (PartitionValues pv : partitions) {
                assertEquals(Set.of("tsNtzPartition"), pv.values().keySet());
            }
        }
    }

    @Test
    void escapedPartitionValuesMatchTheKeysOnDisk() throws IOException {
        for (String name : new String[] {"data-reader-escaped-chars", "data-reader-partition-values"}) {
            Path table = table(name);
            try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store);
                 Stream<Path> files = Files.walk(table)) {
                long data = 0;
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".snappy.parquet")).toList()) {
                    String key = table.relativize(p).toString();
                    assertInstanceOf(FileClass.DataFile.class, index.lookup(key), key);
                    data++;
                }
                assertEquals(index.dataFileCounts().values().stream().mapToLong(Long::longValue).sum(), data);
            }
        }
    }

    @Test
    void escapedCharsKeepTheValueAsWrittenInTheLog() throws IOException {
        Path table = table("data-reader-escaped-chars");
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store)) {
            var file = index.lookup("_2=bar+%2521/part-00000-af08f887-922f-4c31-82a7-8e142c4280a6.c000.snappy.parquet");
            assertEquals(new FileClass.DataFile(new PartitionValues(Map.of("_2", "bar+%21"))), file);
            assertEquals(FileClass.UNKNOWN,
                    index.lookup("_2=bar+%252521/part-00000-af08f887-922f-4c31-82a7-8e142c4280a6.c000.snappy.parquet"));
        }
    }

    @Test
    void nullPartitionsAreNullValues() throws IOException {
        Path table = table("data-reader-partition-values");
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store)) {
            assertTrue(index.dataFileCounts().keySet().stream()
                    .anyMatch(pv -> pv.values().containsKey("as_int") && pv.values().get("as_int") == null));
            assertTrue(index.anyFileUnder("as_int=__HIVE_DEFAULT_PARTITION__/",
                    pv -> pv.values().get("as_int") == null));
            assertFalse(index.anyFileUnder("as_int=__HIVE_DEFAULT_PARTITION__/",
                    pv -> pv.values().get("as_int") != null));
        }
    }

    @Test
    void changeDataFilesCarryTheirPartition() throws IOException {
        Path table = table("rs-cdf-table");
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store);
             Stream<Path> files = Files.walk(table.resolve("_change_data"))) {
            var cdc = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
            assertFalse(cdc.isEmpty());
            for (Path p : cdc) {
                String birthday = p.getParent().getFileName().toString().substring("birthday=".length());
                assertEquals(new FileClass.ChangeData(new PartitionValues(Map.of("birthday", birthday))),
                        index.lookup(table.relativize(p).toString()));
            }
            assertTrue(index.anyFileUnder("_change_data/", pv -> "2023-12-22".equals(pv.values().get("birthday"))));
            assertFalse(index.anyFileUnder("_change_data/birthday=2023-12-22/",
                    pv -> "2023-12-23".equals(pv.values().get("birthday"))));
        }
    }

    @Test
    void oldPartitionLayoutKeepsItsOwnColumns() throws IOException {
        Path table = table("time-travel-partition-changes-b");
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store)) {
            assertEquals(new FileClass.DataFile(new PartitionValues(Map.of("part5", "0"))),
                    index.lookup("part5=0/part-00000-67b6882e-f49f-4df5-9850-b5e8a72f4917.c000.snappy.parquet"));
            assertEquals(new FileClass.DataFile(new PartitionValues(Map.of("part2", "1"))),
                    index.lookup("part2=1/part-00000-82368d1d-588b-487a-be01-16dc85260296.c000.snappy.parquet"));
            assertEquals(FileClass.UNKNOWN,
                    index.lookup("part5=0/.part-00000-67b6882e-f49f-4df5-9850-b5e8a72f4917.c000.snappy.parquet.crc"));
        }
    }

    @Test
    void listingPrefixesFollowThePredicate() throws IOException {
        Path table = table("deltatbl-partition-prune");
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store)) {
            var counts = index.dataFileCounts();
            PartitionValues one = counts.keySet().iterator().next();
            String date = one.values().get("date");
            assertTrue(index.anyFileUnder("date=" + date + "/", one::equals));
            assertTrue(index.anyFileUnder("", one::equals));
            assertFalse(index.anyFileUnder("date=" + date + "/", pv -> false));
            assertFalse(index.anyFileUnder("date=" + date + "x", pv -> true));
            assertFalse(index.anyFileUnder("_delta_log/", pv -> true));
        }
    }

    private static Path table(String name) {
        assumeTrue(TestTables.golden().isPresent(), "golden tables present");
        Path table = TestTables.golden().get().resolve(name);
        assumeTrue(Files.isDirectory(table), name + " present");
        return table;
    }
}
