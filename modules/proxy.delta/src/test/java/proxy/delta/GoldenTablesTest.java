package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import proxy.api.delta.FileClass;
import proxy.api.delta.IndexContext;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;
import proxy.api.metrics.ProxyMetrics;

/**
 * Every golden table (real tables written by Spark, Databricks and delta-rs): every path of every add, remove
 * and cdc action of every commit, read independently here with Jackson, is indexed with its own partition values
 * under logical names; files on disk the log never references are unknown; deletion vectors map to the
 * partitions of the data files that use them. Skipped when the golden tables are absent.
 */
class GoldenTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> tables() {
        return Stream.of("basic-decimal-table", "basic-dv-with-checkpoint", "data-reader-escaped-chars",
                "data-reader-partition-values", "data-reader-timestamp_ntz", "data-reader-timestamp_ntz-name-mode",
                "delta-0.1.0", "deltatbl-partition-prune", "dv-partitioned-with-checkpoint", "kernel-timestamp-PST",
                "multi-part-checkpoint", "partitioned-table-with-dv-large", "rs-cdf-table", "table-with-dv-small",
                "time-travel-partition-changes-b", "v2-checkpoint-parquet");
    }

    @ParameterizedTest
    @MethodSource("tables")
    void everyCommittedFileIsIndexedWithItsOwnPartition(String name) throws IOException {
        Path table = table(name);
        assertFalse(TestTables.commitActions(table).isEmpty(), "the table has file actions");
        checkEveryCommittedFile(table);
    }

    /** Every add, remove and cdc path of every commit has its class and partition; the version is the last. */
    static void checkEveryCommittedFile(Path table) throws IOException {
        List<TestTables.Action> actions = TestTables.commitActions(table);
        Map<String, String> logical = logicalNames(table);
        Map<String, PartitionValues> partitionOf = partitionsByKey(actions, logical);
        try (RecordingStore store = new RecordingStore(table); TableIndex index = open(store)) {
            for (TestTables.Action a : actions) {
                PartitionValues expected = partitionOf.get(a.key());
                FileClass found = index.lookup(a.key());
                if (a.type().equals("cdc")) {
                    assertEquals(new FileClass.ChangeData(expected), found, a.key());
                } else {
                    assertEquals(new FileClass.DataFile(expected), found, a.key());
                }
            }
            index.refresh();
            assertEquals(TestTables.commits(table).size() - 1, index.version(), "version of the last commit");
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void filesTheLogNeverReferencesAreUnknown(String name) throws IOException {
        checkUnreferencedAreUnknown(table(name));
    }

    /**
     * Files on disk no commit references are unknown; every file a Delta writer put into the log is the log, and
     * Hadoop's hidden {@code .*.crc} side files there are foreign (unknown).
     */
    static void checkUnreferencedAreUnknown(Path table) throws IOException {
        assumeTrue(Files.exists(table.resolve("_delta_log/00000000000000000000.json")), "every commit retained");
        Set<String> referenced = new HashSet<>();
        TestTables.commitActions(table).forEach(a -> referenced.add(a.key()));
        try (RecordingStore store = new RecordingStore(table); TableIndex index = open(store);
             Stream<Path> files = Files.walk(table)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String key = table.relativize(p).toString();
                FileClass found = index.lookup(key);
                if (key.startsWith("_delta_log/")) {
                    boolean hidden = p.getFileName().toString().startsWith(".");
                    assertEquals(hidden ? FileClass.UNKNOWN : FileClass.DELTA_LOG, found, key);
                } else if (!referenced.contains(key) && !key.contains("deletion_vector_")) {
                    assertEquals(FileClass.UNKNOWN, found, key);
                }
            }
        }
    }

    /**
     * Each distinct {@code u} descriptor of the log names one file (no random prefix in these tables), so exactly
     * that many of the {@code deletion_vector_*.bin} files on disk must be deletion vectors; the rest are orphans
     * (unknown). Together they reference exactly the partitions of the data files that carry a deletion vector.
     */
    @ParameterizedTest
    @MethodSource("tables")
    void deletionVectorsMapToThePartitionsOfTheirDataFiles(String name) throws IOException {
        Path table = table(name);
        Map<String, String> logical = logicalNames(table);
        Set<PartitionValues> withDv = new HashSet<>();
        Set<String> descriptors = new HashSet<>();
        for (TestTables.Action a : TestTables.commitActions(table)) {
            if (a.dvPath() != null) {
                withDv.add(translate(a.partitionValues(), logical));
                descriptors.add(a.dvPath());
            }
        }
        assumeTrue(!withDv.isEmpty(), "table has deletion vectors");
        Set<PartitionValues> seen = new HashSet<>();
        int found = 0;
        try (RecordingStore store = new RecordingStore(table); TableIndex index = open(store);
             Stream<Path> files = Files.walk(table)) {
            List<Path> dvFiles = files.filter(p -> p.getFileName().toString().startsWith("deletion_vector_")).toList();
            assumeTrue(!dvFiles.isEmpty(), "deletion vector files named as the protocol says");
            for (Path p : dvFiles) {
                FileClass c = index.lookup(table.relativize(p).toString());
                if (c instanceof FileClass.DeletionVector dv) {
                    assertFalse(dv.referencedBy().isEmpty());
                    seen.addAll(dv.referencedBy());
                    found++;
                } else {
                    assertEquals(FileClass.UNKNOWN, c);
                }
            }
        }
        assertEquals(descriptors.size(), found, "one file per descriptor");
        assertEquals(withDv, seen);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void dataFileCountsCoverEveryAddAndRemovePath(String name) throws IOException {
        checkDataFileCounts(table(name));
    }

    /** Data files per partition are those of every add and remove path. */
    static void checkDataFileCounts(Path table) throws IOException {
        Map<String, String> logical = logicalNames(table);
        Map<String, PartitionValues> files = partitionsByKey(
                TestTables.commitActions(table).stream().filter(a -> !a.type().equals("cdc")).toList(), logical);
        Map<PartitionValues, Long> expected = new HashMap<>();
        files.values().forEach(pv -> expected.merge(pv, 1L, Long::sum));
        try (RecordingStore store = new RecordingStore(table); TableIndex index = open(store)) {
            assertEquals(expected, index.dataFileCounts());
        }
    }

    private static Path table(String name) {
        assumeTrue(TestTables.golden().isPresent(), "golden tables present");
        Path table = TestTables.golden().get().resolve(name);
        assumeTrue(Files.isDirectory(table), name + " present");
        return table;
    }

    static TableIndex open(RecordingStore store) {
        return new DeltaIndexProvider().create(new IndexContext("t", store,
                TestTables.context(store.root(), Clock.systemUTC(), ProxyMetrics.NOOP, 3600)));
    }

    /** Physical to logical column names from the last metaData of the commits, read independently. */
    static Map<String, String> logicalNames(Path table) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (Path commit : TestTables.commits(table)) {
            for (String line : Files.readAllLines(commit)) {
                JsonNode md = line.isBlank() ? null : JSON.readTree(line).get("metaData");
                if (md != null) {
                    out.clear();
                    for (JsonNode f : JSON.readTree(md.get("schemaString").asText()).get("fields")) {
                        JsonNode phys = f.path("metadata").path("delta.columnMapping.physicalName");
                        if (phys.isTextual()) {
                            out.put(phys.asText(), f.get("name").asText());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Each key's partition: that of its first action with partition values (a remove may omit them). */
    static Map<String, PartitionValues> partitionsByKey(List<TestTables.Action> actions, Map<String, String> logical) {
        Map<String, PartitionValues> out = new HashMap<>();
        for (TestTables.Action a : actions) {
            PartitionValues pv = translate(a.partitionValues(), logical);
            PartitionValues before = out.get(a.key());
            if (before == null || before.values().isEmpty()) {
                out.put(a.key(), pv);
            }
        }
        return out;
    }

    static PartitionValues translate(Map<String, String> physical, Map<String, String> logical) {
        Map<String, String> out = new LinkedHashMap<>();
        physical.forEach((k, v) -> out.put(logical.getOrDefault(k, k), v));
        return out.isEmpty() ? PartitionValues.NONE : new PartitionValues(out);
    }
}
