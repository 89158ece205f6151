package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.testkit.ProjectPaths;

/** The command line: exit codes, explain over the bundled config, check-config masking secrets. */
class CommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String bundledConfig() {
        return ProjectPaths.root().resolve("config.json").toString();
    }

    @Test
    void versionPrintsTheProductVersion() {
        assertEquals(0, run(Map.of(), "--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("delta-s3-proxy \\d+\\.\\d+\\.\\d+\\R"), out.toString());
    }

    @Test
    void explainCountsTheFilesOfTheGrantedPartitions() {
        assertEquals(0, run(Map.of(), "explain", "--table", "trades", "--user", "demo", "--config", bundledConfig()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("demo can read 8 of 14 data files in 6 of 12 partitions of trades"), text);
        assertEquals(6, text.lines().filter(l -> l.strip().startsWith("ALLOW")).count(), text);
        assertTrue(text.lines().filter(l -> l.strip().startsWith("ALLOW")).allMatch(
                l -> (l.contains("MIC=XLON") || l.contains("MIC=XETR")) && l.contains("config:allowedPartitions")), text);
    }

    @Test
    void explainForAUserWithoutGrantsSaysTheTableIsInvisible() {
        assertEquals(0, run(Map.of(), "explain", "--table", "history", "--user", "nobody", "--config", bundledConfig()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("none (the table is invisible to this user)"), text);
        assertTrue(text.contains("nobody can read 0 of"), text);
    }

    @Test
    void checkConfigMasksSecrets() {
        assertEquals(0, run(Map.of(), "check-config", "--config", bundledConfig()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("DEMOACCESSKEY00000001"), text);
        assertFalse(text.contains("demo-secret-key-for-local-use-only"), text);
    }

    @Test
    void invalidConfigurationExitsTwoWithOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"tableMapping\": {\"t\": \"s3://b/t\"}, \"prot\": 1}");
        assertEquals(2, run(Map.of(), "check-config", "--config", config.toString()));
        assertEquals("configuration error: prot: unknown key (did you mean 'port'?)",
                err.toString(StandardCharsets.UTF_8).strip());
        err.reset();
        assertEquals(2, run(Map.of("PROXY_PORT", "eighty"), "check-config", "--config", config.toString()
                .replace("config.json", "missing.json")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.json: file not found"));
    }

    @Test
    void aMissingDefaultConfigFileSaysSo() {
        assertEquals(2, run(Map.of(), "check-config"));
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(text.startsWith("configuration error: " + Path.of("config.json").toAbsolutePath()
                + ": not found: no --config FILE was given"), text);
        assertFalse(text.contains("tableMapping"), text);
    }

    @Test
    void anUnrelatedProxyVariableDoesNotStopTheCommand() {
        assertEquals(0, run(Map.of("PROXY_BIN", "/opt/proxy/bin"), "check-config", "--config", bundledConfig()));
    }

    @Test
    void badCommandLinesExitTwo() {
        assertEquals(2, run(Map.of(), "frobnicate"));
        assertEquals(2, run(Map.of(), "explain", "--table", "trades"));
        assertEquals(2, run(Map.of(), "serve", "--bogus", "1"));
    }
}
