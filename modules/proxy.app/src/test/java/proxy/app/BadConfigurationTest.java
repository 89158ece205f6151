package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import proxy.testkit.ProjectPaths;

/**
 * Every invalid configuration stops {@code serve} before it serves anything, with exit code 2 and exactly one line
 * on standard error naming the key: config.json values, {@code PROXY_*} values, addresses in use, missing table
 * roots, unreadable database files and grants naming a column that is not a partition column.
 */
class BadConfigurationTest {
    private static final String TABLES = "\"tableMapping\": {\"trades\": \"file:%s\"}"
            .formatted(ProjectPaths.fixtureTables().resolve("trades"));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key            | "prot": 1,                                       | | prot
            wrong type             | "port": "eighty",                                | | port
            malformed table URI    | "tableMapping": {"t": "s3://b/has space"},       | | tableMapping.t
            missing file: root     | "tableMapping": {"t": "file:/nonexistent/t"},    | | tableMapping.t
            env value of wrong type|                                                  | PROXY_PORT=x | port
            env malformed endpoint |                                                  | PROXY_S3__ENDPOINT=ftp://x | s3.endpoint
            env bad grace          |                                                  | PROXY_SHUTDOWN_GRACE_SECONDS=-1 | shutdownGraceSeconds
            grant on a non-partition column | "allowedPartitions": {"trades": [{"MIC": "XLON"}, {"venue": "XLON"}]}, | | allowedPartitions.trades[1]
            user grant on a mistyped column | "users": [{"name": "u", "accessKey": "K", "secretKey": "s", "grants": {"trades": [{"mic": "XLON"}]}}], | | users[u].grants.trades[0]
            """)
    void invalidValueStopsStartupWithOneLineNamingTheKey(String why, String members, String env, String key)
            throws Exception {
        String json = members == null ? "{" + TABLES + "}"
                : members.contains("tableMapping") ? "{" + members.substring(0, members.length() - 1) + "}"
                : "{" + members + TABLES + "}";
        Map<String, String> environment = env == null ? Map.of() : Map.of(env.split("=")[0], env.split("=", 2)[1]);
        assertFailsNaming(key, json, environment);
    }

    @Test
    void missingTableMappingStopsStartup() throws Exception {
        assertFailsNaming("tableMapping", "{\"port\": 0}", Map.of());
    }

    @Test
    void unreadableDatabaseStopsStartup() throws Exception {
        Path notADatabase = Files.createDirectory(dir.resolve("grants.db"));
        assertFailsNaming("database.uri", "{" + TABLES + ", \"databaseEnabled\": true, \"database\": \"sqlite:"
                + notADatabase + "\"}", Map.of());
    }

    @Test
    void portInUseStopsStartupNamingPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFailsNaming("port", "{" + TABLES + ", \"bindAddress\": \"127.0.0.1\", \"metricsPort\": null, "
                    + "\"port\": " + taken.getLocalPort() + "}", Map.of());
        }
    }

    @Test
    void metricsPortInUseStopsStartupNamingMetricsPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFailsNaming("metricsPort", "{" + TABLES + ", \"bindAddress\": \"127.0.0.1\", \"port\": 0, "
                    + "\"metricsPort\": " + taken.getLocalPort() + "}", Map.of());
        }
    }

    /** The real process: exit code 2, and the last line of its standard error names the key. */
    @Test
    void realProcessExitsTwoWhenThePortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("config.json");
            Files.writeString(config, "{" + TABLES + ", \"bindAddress\": \"127.0.0.1\", \"metricsPort\": null, "
                    + "\"audit\": \"off\", \"port\": " + taken.getLocalPort() + "}");
            Path log = dir.resolve("stderr.log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + ServerJvm.shippedOptions(), "-cp", System.getProperty("java.class.path"), "proxy.app.Main",
                    "serve", "--config", config.toString()).redirectError(log.toFile()).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, process.exitValue(), Files.readString(log));
            List<String> lines = Files.readAllLines(log);
            assertTrue(lines.getLast().startsWith("configuration error: port: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()), String.join("\n", lines));
            assertEquals(1, lines.stream().filter(l -> l.startsWith("configuration error")).count());
        }
    }

    private void assertFailsNaming(String key, String json, Map<String, String> env) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, json);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var run = new FutureTask<>(() -> Main.run(new String[] {"serve", "--config", config.toString()}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        Thread.ofPlatform().daemon().start(run);
        int code;
        try {
            code = run.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException served) {
            throw new AssertionError("serve started instead of failing on " + key + ": " + err);
        }
        List<String> lines = new ArrayList<>(err.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(2, code, String.join("\n", lines));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.getFirst().startsWith("configuration error: " + key + ": "), lines.getFirst());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing served, nothing audited");
    }
}
