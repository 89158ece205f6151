package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;
import proxy.testkit.TreeCopy;

/**
 * Checkpoints are read: with every commit up to the checkpoint deleted, the files live at the checkpoint (found
 * by replaying the original JSON commits independently) must still be indexed with their partitions — for a
 * classic single-file, a multi-part, and a v2 checkpoint with sidecars.
 */
class CheckpointLoadTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"delta-0.1.0,3", "dv-partitioned-with-checkpoint,10", "basic-dv-with-checkpoint,40",
            "multi-part-checkpoint,1", "v2-checkpoint-parquet,2"})
    void liveFilesComeFromTheCheckpointAlone(String name, long checkpointVersion) throws IOException {
        assumeTrue(TestTables.golden().isPresent(), "golden tables present");
        Path source = TestTables.golden().get().resolve(name);
        assumeTrue(Files.isDirectory(source), name + " present");
        List<TestTables.Action> actions = TestTables.commitActions(source);
        Map<String, String> logical = GoldenTablesTest.logicalNames(source);
        Map<String, PartitionValues> live = new LinkedHashMap<>();
        for (long v = 0; v <= checkpointVersion; v++) {
            long version = v;
            // Within a commit, a remove and an add of one path (a new deletion vector) leave the file live.
            actions.stream().filter(a -> a.version() == version && a.type().equals("remove"))
                    .forEach(a -> live.remove(a.key()));
            actions.stream().filter(a -> a.version() == version && a.type().equals("add"))
                    .forEach(a -> live.put(a.key(), GoldenTablesTest.translate(a.partitionValues(), logical)));
        }
        assertFalse(live.isEmpty());
        Path table = temp.resolve(name);
        TreeCopy.copy(source, table);
        for (Path commit : TestTables.commits(table)) {
            if (Long.parseLong(commit.getFileName().toString().substring(0, 20)) <= checkpointVersion) {
                Files.delete(commit);
            }
        }
        try (RecordingStore store = new RecordingStore(table); TableIndex index = GoldenTablesTest.open(store)) {
            live.forEach((key, partition) -> assertEquals(new FileClass.DataFile(partition), index.lookup(key), key));
            long last = actions.isEmpty() ? -1 : TestTables.commits(source).size() - 1;
            assertEquals(last, index.version());
        }
    }
}
