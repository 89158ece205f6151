package proxy.delta.filtered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filtered log is a pure function of (upstream bytes, grant set): two runs in this JVM and one in a forked JVM
 * write byte-identical objects, for tables with classic, multi-part and v2 (sidecar) checkpoints and deletion
 * vectors.
 */
class FilteredLogDeterminismTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"fixture:history", "golden:multi-part-checkpoint", "golden:v2-checkpoint-parquet",
            "golden:dv-partitioned-with-checkpoint", "golden:delta-0.1.0"})
    void sameInputAndGrantGiveIdenticalBytesInThisAndAnotherJvm(String id) throws Exception {
        Optional<Path> located = ProofTables.locate(id);
        assumeTrue(located.isPresent(), "table present: " + id);
        Path table = located.get();
        int grant = ProofTables.grants(table).size() - 2;
        GrantSet grants = ProofTables.grants(table).get(grant);
        FileFilter filter = new FileFilter(UpstreamLog.mapping(table), grants.predicate());
        FilteredTable.write(table, filter, Set.of(), temp.resolve("a"));
        FilteredTable.write(table, filter, Set.of(), temp.resolve("b"));
        fork(table, grant, temp.resolve("c"));
        List<String> names = logNames(temp.resolve("a"));
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".json")), "commits written");
        assertEquals(names, logNames(temp.resolve("b")));
        assertEquals(names, logNames(temp.resolve("c")));
        for (String name : names) {
            byte[] a = Files.readAllBytes(temp.resolve("a/_delta_log").resolve(name));
            assertArrayEquals(a, Files.readAllBytes(temp.resolve("b/_delta_log").resolve(name)), name + " in one JVM");
            assertArrayEquals(a, Files.readAllBytes(temp.resolve("c/_delta_log").resolve(name)), name + " across JVMs");
        }
    }

    private void fork(Path table, int grant, Path out) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FilterMain.class.getName(), table.toString(), Integer.toString(grant), out.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("fork.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "forked JVM finished");
        assertEquals(0, p.exitValue(), () -> "forked JVM failed: " + read(temp.resolve("fork.log")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<String> logNames(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
