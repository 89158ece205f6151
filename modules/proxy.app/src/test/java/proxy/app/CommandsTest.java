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
    void explainForAUserWithoutGrantsSaysTheTableIsInvisible(@TempDir Path dir) throws Exception {
        Path config = configWith(dir, "\"users\": [{\"name\": \"nobody\", \"accessKey\": \"AK\", \"secretKey\": \"s\"}]");
        assertEquals(0, run(Map.of(), "explain", "--table", "trades", "--user", "nobody", "--config", config.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("none (the table is invisible to this user)"), text);
        assertTrue(text.contains("nobody can read 0 of"), text);
    }

    @Test
    void explainRefusesAnUnknownUser() {
        assertEquals(2, run(Map.of(), "explain", "--table", "trades", "--user", "dmeo", "--config", bundledConfig()));
        assertEquals("configuration error: --user: no user 'dmeo' (config users: demo)",
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void explainPointsAtAGrantNamingAColumnThatIsNotAPartitionColumn(@TempDir Path dir) throws Exception {
        Path config = configWith(dir, "\"users\": [{\"name\": \"eve\", \"accessKey\": \"AK\", \"secretKey\": \"s\","
                + " \"grants\": {\"trades\": [{\"mic\": \"XLON\"}, {\"MIC\": \"XETR\"}]}}]");
        assertEquals(2, run(Map.of(), "check-config", "--config", config.toString()), "serve would refuse it");
        out.reset();
        err.reset();
        assertEquals(0, run(Map.of(), "explain", "--table", "trades", "--user", "eve", "--config", config.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.contains("config:users[eve] {mic=XLON}  <- matches no file: it names"
                + " column 'mic', which is not a partition column of trades (its partition columns: ")
                && l.contains("MIC") && l.contains("date")), text);
        assertTrue(text.lines().noneMatch(l -> l.contains("{MIC=XETR}  <-")), text);
    }

    @Test
    void checkConfigPrintsAReadableSummaryWithoutRecordDumpsOrSecrets() {
        assertEquals(0, run(Map.of("PROXY_PORT", "0", "PROXY_METRICS_PORT", "null"), "check-config", "--config",
                bundledConfig()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("configuration " + bundledConfig() + " and the environment (PROXY_METRICS_PORT,"
                + " PROXY_PORT)"), text);
        assertTrue(text.contains("  S3 endpoint        http://127.0.0.1:0, bucket 'datalake', read-only"), text);
        assertTrue(text.contains("  metrics            off"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("    trades ") && l.contains("version ")
                && l.contains("14 data files, partition columns: ")), text);
        assertTrue(text.contains("    every principal  trades {MIC=XLON}, {MIC=XETR}"), text);
        assertTrue(text.contains("demo (access key DEMOACCESSKEY00000001, secret key ********)"), text);
        assertTrue(text.strip().endsWith("configuration is valid"), text);
        assertFalse(text.contains("Config[") || text.contains("Secret[") || text.contains("Optional"), text);
    }

    @Test
    void checkConfigRefusesWhatServeRefuses(@TempDir Path dir) throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = configWith(dir, "\"port\": " + taken.getLocalPort());
            assertEquals(2, run(Map.of(), "check-config", "--config", config.toString()));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("configuration error: port: cannot listen on"
                    + " 127.0.0.1:" + taken.getLocalPort()), err.toString(StandardCharsets.UTF_8));
        }
        err.reset();
        Path config = configWith(dir, "\"allowedPartitions\": {\"trades\": [{\"MIC\": \"XLON\"}, {\"venue\": \"XETR\"}]}");
        assertEquals(2, run(Map.of(), "check-config", "--config", config.toString()));
        String error = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(error.startsWith("configuration error: allowedPartitions.trades[1]: names column 'venue', which"
                + " is not a partition column of trades (its partition columns: "), error);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** A config.json serving the trades fixture on a free loopback port, no metrics, with the given members. */
    private static Path configWith(Path dir, String members) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"bindAddress\": \"127.0.0.1\", " + (members.contains("\"port\"") ? ""
                : "\"port\": 0, ") + "\"metricsPort\": null,"
                + " \"audit\": \"off\", \"tableMapping\": {\"trades\": \"file:"
                + ProjectPaths.fixtureTables().resolve("trades") + "\"}, " + members + "}");
        return config;
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
