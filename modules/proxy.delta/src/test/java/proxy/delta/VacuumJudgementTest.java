package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.PartitionSpec;
import proxy.api.delta.DeleteVerdict;
import proxy.api.delta.FileClass;
import proxy.api.delta.IndexContext;
import proxy.api.delta.LogGrant;
import proxy.api.policy.Access;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.WriteScope;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectContent;
import proxy.testkit.TreeCopy;

/**
 * Which deletes the index allows (VACUUM, log cleanup), on real tables: whether the current snapshot still references
 * a data file or a deletion-vector window, replayed independently from the commits; re-adds, deletion-vector
 * updates, a log cleaned up to its checkpoint, and the index (refresh, fresh start, filtered log) after it.
 */
class VacuumJudgementTest {
    private static final WriteScope WHOLE = scope(Map.of());

    @TempDir
    Path temp;

    private final TestTables.ManualClock clock = new TestTables.ManualClock();
    private final RecordingMetrics metrics = new RecordingMetrics();

    private Path history;

    @BeforeEach
    void copyHistory() throws IOException {
        history = temp.resolve("history");
        TreeCopy.copy(FixtureTablesTest.fixture("history"), history);
    }

    @Test
    void removedFilesOfTheWritersPartitionsMayBeDeletedLiveFilesNever() {
        Map<String, String> live = live(history);
        Set<String> all = allFiles(history);
        assertEquals(6, live.size());
        assertEquals(13, all.size());
        try (DeltaTableIndex index = open(history)) {
            List<String> keys = List.copyOf(all);
            List<DeleteVerdict> whole = index.checkDeletes(keys, WHOLE);
            List<DeleteVerdict> eu = index.checkDeletes(keys, scope(Map.of("region", "EU")));
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                assertEquals(!live.containsKey(key), whole.get(i).allowed(), key + ": " + whole.get(i));
                assertEquals(!live.containsKey(key) && key.startsWith("region=EU/"), eu.get(i).allowed(),
                        key + ": " + eu.get(i));
            }
            assertEquals(DeleteVerdict.Kind.UNTRACKED,
                    index.checkDeletes(List.of("region=EU/never.parquet"), WHOLE).getFirst().kind());
            assertFalse(index.checkDeletes(List.of(keys.getFirst()), WriteScope.NONE).getFirst().allowed());
        }
    }

    @Test
    void aFileAddedAgainAfterItsRemoveIsLiveUntilRemovedAgain() throws IOException {
        String removed = allFiles(history).stream().filter(k -> !live(history).containsKey(k)
                && k.startsWith("region=EU/")).findFirst().orElseThrow();
        try (DeltaTableIndex index = open(history)) {
            assertTrue(verdict(index, removed, WHOLE).allowed());
            commit(history, 14, "{\"add\":{\"path\":\"" + removed + "\",\"partitionValues\":{\"region\":\"EU\"},"
                    + "\"size\":1,\"modificationTime\":1,\"dataChange\":true}}");
            assertFalse(verdict(index, removed, WHOLE).allowed(), "a re-add after a remove is live");
            commit(history, 15, "{\"remove\":{\"path\":\"" + removed + "\",\"deletionTimestamp\":2,"
                    + "\"dataChange\":true,\"partitionValues\":{\"region\":\"EU\"}}}");
            assertTrue(verdict(index, removed, WHOLE).allowed());
        }
    }

    @Test
    void aDeletionVectorUpdateKeepsItsDataFileLiveAndADeletionVectorFileDiesWithItsLastLiveWindow()
            throws IOException {
        Path dv = temp.resolve("dv_shared");
        TreeCopy.copy(FixtureTablesTest.fixture("history").getParent().resolveSibling("spark-tables")
                .resolve("dv_shared"), dv);
        List<TestTables.Action> actions = TestTables.commitActions(dv);
        String first = "deletion_vector_0661cff2-4d32-4f91-ba26-c77e4498683c.bin"; // written at version 1
        String second = "deletion_vector_b86cba62-c87a-4399-80da-d5ffaa3746a8.bin"; // written at version 3
        try (DeltaTableIndex index = open(dv)) {
            for (String key : live(dv).keySet()) {
                assertFalse(verdict(index, key, WHOLE).allowed(), key + " (updated in place) is live");
            }
            assertFalse(verdict(index, first, WHOLE).allowed(), "the vectors of partCol 5 and 8 are still live");
            assertFalse(verdict(index, second, WHOLE).allowed());
            StringBuilder retire = new StringBuilder();
            for (TestTables.Action a : actions) {
                String part = a.partitionValues().get("partCol");
                if (a.version() == 1 && a.type().equals("add") && (part.equals("5") || part.equals("8"))) {
                    retire.append(removeOf(dv, a)).append('\n');
                }
            }
            commit(dv, 5, retire.toString().strip());
            assertTrue(verdict(index, first, WHOLE).allowed(), "no live add names the first file any more");
            assertFalse(verdict(index, first, scope(Map.of("partCol", "8"))).allowed(),
                    "its vectors of other partitions are outside an 8-only grant");
            assertFalse(verdict(index, second, WHOLE).allowed());
            assertTrue(index.lookup(first) instanceof FileClass.DeletionVector, "still readable by time travel");
        }
    }

    @Test
    void logCleanupMayDeleteOnlyVersionsBelowTheLatestCheckpointAndOnlyByAWholeTableWriter() {
        try (DeltaTableIndex index = open(history)) {
            Map<String, Boolean> expected = new LinkedHashMap<>();
            expected.put("_delta_log/00000000000000000000.json", true);
            expected.put("_delta_log/00000000000000000009.json", true);
            expected.put("_delta_log/00000000000000000009.crc", true);
            expected.put("_delta_log/00000000000000000007.checkpoint.parquet", true);
            expected.put("_delta_log/00000000000000000003.00000000000000000009.compacted.json", true);
            expected.put("_delta_log/00000000000000000003.00000000000000000010.compacted.json", false);
            expected.put("_delta_log/00000000000000000010.json", false);
            expected.put("_delta_log/00000000000000000010.checkpoint.parquet", false);
            expected.put("_delta_log/00000000000000000010.crc", false);
            expected.put("_delta_log/00000000000000000013.json", false);
            expected.put("_delta_log/00000000000000000014.json", false);
            expected.put("_delta_log/_last_checkpoint", false);
            expected.put("_delta_log/_sidecars/a.parquet", true); // classic checkpoints name no sidecar
            expected.put("_delta_log/notes.txt", false);
            List<String> keys = List.copyOf(expected.keySet());
            List<DeleteVerdict> whole = index.checkDeletes(keys, WHOLE);
            List<DeleteVerdict> partial = index.checkDeletes(keys, scope(Map.of("region", "EU")));
            for (int i = 0; i < keys.size(); i++) {
                assertEquals(expected.get(keys.get(i)), whole.get(i).allowed(), keys.get(i) + ": " + whole.get(i));
                assertFalse(partial.get(i).allowed(), keys.get(i) + " by a partial writer");
            }
        }
    }

    @Test
    void sidecarsTheLatestV2CheckpointNamesAreKeptOthersMayGo() throws IOException {
        Path golden = TestTables.golden().map(g -> g.resolve("v2-checkpoint-parquet")).orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(golden != null && Files.isDirectory(golden),
                "shared/golden/v2-checkpoint-parquet present");
        Path table = temp.resolve("v2");
        TreeCopy.copy(golden, table);
        Path sidecars = table.resolve("_delta_log/_sidecars");
        List<String> named;
        try (Stream<Path> files = Files.list(sidecars)) {
            named = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")) // Hadoop's .crc
                    .map(n -> "_delta_log/_sidecars/" + n).sorted().toList();
        }
        assertEquals(2, named.size());
        Files.copy(sidecars.resolve(named.getFirst().substring("_delta_log/_sidecars/".length())),
                sidecars.resolve("00000000000000000001.checkpoint.orphan.parquet"));
        try (DeltaTableIndex index = open(table)) {
            for (String key : named) {
                assertFalse(verdict(index, key, WHOLE).allowed(), key + " is named by checkpoint 2");
            }
            String orphan = "_delta_log/_sidecars/00000000000000000001.checkpoint.orphan.parquet";
            assertTrue(verdict(index, orphan, WHOLE).allowed(), verdict(index, orphan, WHOLE).reason());
            assertFalse(verdict(index, "_delta_log/00000000000000000002.checkpoint.e8fa2696-9728-4e9c-b285-"
                    + "634743fdd4fb.parquet", WHOLE).allowed());
            assertTrue(verdict(index, "_delta_log/00000000000000000001.json", WHOLE).allowed());
        }
    }

    @Test
    void afterLogCleanupTheIndexRefreshesStartsAfreshAndServesTheFilteredLog() throws Exception {
        Map<String, String> live = live(history);
        try (DeltaTableIndex index = open(history)) {
            List<String> log = logKeys(history);
            List<DeleteVerdict> verdicts = index.checkDeletes(log, WHOLE);
            int deleted = 0;
            for (int i = 0; i < log.size(); i++) {
                if (verdicts.get(i).allowed()) {
                    Files.delete(history.resolve(log.get(i)));
                    deleted++;
                }
            }
            assertEquals(21, deleted, "commits and checksums 0-9 and the checkpoint of version 7");
            String added = "region=EU/after-cleanup.parquet";
            commit(history, 14, "{\"add\":{\"path\":\"" + added + "\",\"partitionValues\":{\"region\":\"EU\"},"
                    + "\"size\":1,\"modificationTime\":1,\"dataChange\":true}}");
            index.refresh();
            assertEquals(14, index.version());
            assertTrue(index.lookup(added) instanceof FileClass.DataFile);
        }
        try (DeltaTableIndex fresh = open(history)) {
            fresh.refresh();
            assertEquals(14, fresh.version());
            for (String key : live.keySet()) {
                assertTrue(fresh.lookup(key) instanceof FileClass.DataFile, key);
                assertFalse(verdict(fresh, key, WHOLE).allowed(), key + " is live after a fresh start");
            }
            assertFalse(verdict(fresh, "region=EU/after-cleanup.parquet", WHOLE).allowed());
            var eu = fresh.filteredLog(new LogGrant("EU", p -> "EU".equals(p.values().get("region"))));
            String lastCheckpoint = read(eu.get("_delta_log/_last_checkpoint", Optional.empty(), Conditions.NONE));
            assertTrue(lastCheckpoint.contains("\"version\":10"), lastCheckpoint);
            String commit = read(eu.get("_delta_log/00000000000000000014.json", Optional.empty(), Conditions.NONE));
            assertTrue(commit.contains("after-cleanup"), commit);
            assertTrue(read(eu.get("_delta_log/00000000000000000010.checkpoint.parquet", Optional.empty(),
                    Conditions.NONE)).startsWith("PAR1"));
        }
    }

    @Test
    void anIndexThatLaggedBehindALogCleanupCatchesUpFromTheCheckpoint() throws Exception {
        Path hidden = temp.resolve("hidden");
        Files.createDirectories(hidden);
        for (String key : logKeys(history)) {
            String name = key.substring("_delta_log/".length());
            if (!name.matches("0{19}[0-6]\\.(json|crc)")) {
                Files.move(history.resolve(key), hidden.resolve(name));
            }
        }
        try (DeltaTableIndex index = open(history)) {
            index.refresh();
            assertEquals(6, index.version());
            try (Stream<Path> files = Files.list(hidden)) {
                for (Path p : files.toList()) {
                    Files.move(p, history.resolve("_delta_log").resolve(p.getFileName()));
                }
            }
            for (String key : logKeys(history)) {
                if (key.matches("_delta_log/0{19}[0-9]\\.(json|crc)") || key.contains("7.checkpoint")) {
                    Files.delete(history.resolve(key)); // another replica's cleanup below checkpoint 10
                }
            }
            index.refresh();
            assertEquals(13, index.version());
            for (String key : live(FixtureTablesTest.fixture("history")).keySet()) {
                assertTrue(index.lookup(key) instanceof FileClass.DataFile, key + " (some added by deleted commits)");
                assertFalse(verdict(index, key, WHOLE).allowed(), key + " is live");
            }
        }
    }

    private static String read(ObjectContent content) throws IOException {
        try (InputStream in = content.body()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static DeleteVerdict verdict(DeltaTableIndex index, String key, WriteScope scope) {
        return index.checkDeletes(List.of(key), scope).getFirst();
    }

    private DeltaTableIndex open(Path table) {
        RecordingStore store = new RecordingStore(table);
        return (DeltaTableIndex) new DeltaIndexProvider().create(new IndexContext("t", store,
                TestTables.context(store.root(), clock, metrics, 3600)));
    }

    /** The live data files after the last commit, replayed independently: key to its partition values' text. */
    private static Map<String, String> live(Path table) {
        Map<String, String> live = new LinkedHashMap<>();
        for (TestTables.Action a : TestTables.commitActions(table)) {
            if (a.type().equals("add")) {
                live.put(a.key(), a.partitionValues().toString());
            } else if (a.type().equals("remove")) {
                live.remove(a.key());
            }
        }
        return live;
    }

    private static Set<String> allFiles(Path table) {
        Set<String> out = new LinkedHashSet<>();
        TestTables.commitActions(table).forEach(a -> out.add(a.key()));
        return out;
    }

    private static List<String> logKeys(Path table) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            files.forEach(p -> out.add("_delta_log/" + p.getFileName()));
        }
        return out;
    }

    /** A remove of an add, carrying its deletion-vector descriptor (as Spark writes them). */
    private static String removeOf(Path table, TestTables.Action add) throws IOException {
        for (String line : Files.readAllLines(table.resolve(String.format("_delta_log/%020d.json", add.version())))) {
            if (line.startsWith("{\"add\"") && line.contains(add.path())) {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind
                        .ObjectMapper().readTree(line).get("add");
                node.remove(List.of("stats", "modificationTime", "tags"));
                node.put("deletionTimestamp", 5);
                return "{\"remove\":" + node + "}";
            }
        }
        throw new IllegalStateException("no add of " + add.path());
    }

    private static void commit(Path table, long version, String actions) throws IOException {
        Files.writeString(table.resolve(String.format("_delta_log/%020d.json", version)),
                "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"TEST\"}}\n" + actions + "\n");
    }

    private static WriteScope scope(Map<String, String> values) {
        return new WriteScope(List.of(new PartitionGrant("w", "t", new PartitionSpec(values), "test",
                Access.WRITE)));
    }
}
