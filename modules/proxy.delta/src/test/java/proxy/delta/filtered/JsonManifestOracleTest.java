package proxy.delta.filtered;

import proxy.testkit.LeakScan;
import proxy.testkit.KernelRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.delta.log.ColumnMapping;

/**
 * A v2 checkpoint with a JSON manifest and Parquet sidecars: the golden {@code v2-checkpoint-parquet} table with its
 * Parquet manifest replaced by the equivalent JSON one (built from its {@code _last_checkpoint}, which embeds the
 * manifest). Kernel reads that table; Kernel reading the filtered view returns the same rows for the whole-table
 * grant and none for a grant that matches nothing.
 */
class JsonManifestOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void kernelReadsTheFilteredViewOfAJsonManifestCheckpoint() throws IOException {
        Optional<Path> golden = ProofTables.locate("golden:v2-checkpoint-parquet");
        assumeTrue(golden.isPresent(), "golden tables present");
        Path table = jsonManifestCopy(golden.get(), temp.resolve("upstream"));
        Engine engine = DefaultEngine.create(new Configuration());
        List<String> all = KernelRows.read(engine, table, -1, v -> true);
        assertFalse(all.isEmpty(), "the JSON-manifest table reads");
        Path whole = temp.resolve("whole");
        FilteredTable.write(table, new FileFilter(ColumnMapping.none(), p -> true), Set.of(), whole);
        assertEquals(all, KernelRows.read(engine, whole, -1, v -> true));
        Path none = temp.resolve("none");
        FilteredTable.write(table, new FileFilter(ColumnMapping.none(), p -> false), Set.of(), none);
        assertEquals(List.of(), KernelRows.read(engine, none, -1, v -> true));
        assertEquals(List.of(), LeakScan.footerStatistics(whole.resolve("_delta_log/" + LogView.checkpointName(2))));
    }

    private static Path jsonManifestCopy(Path golden, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(golden)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(golden.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().startsWith(".")) {
                    Files.copy(p, target);
                }
            }
        }
        Path log = copy.resolve("_delta_log");
        JsonNode v2 = JSON.readTree(log.resolve(LogView.LAST_CHECKPOINT).toFile()).get("v2Checkpoint");
        String parquet = v2.get("path").asText();
        List<String> lines = new ArrayList<>();
        for (JsonNode action : v2.get("nonFileActions")) {
            lines.add(JSON.writeValueAsString(action));
        }
        for (JsonNode sidecar : v2.get("sidecarFiles")) {
            lines.add(JSON.writeValueAsString(Map.of("sidecar", sidecar)));
        }
        Files.delete(log.resolve(parquet));
        Files.delete(log.resolve(LogView.LAST_CHECKPOINT));
        Files.write(log.resolve(parquet.replace(".parquet", ".json")), lines);
        return copy;
    }
}
