package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.accessdb.Schema;
import proxy.api.config.ConfigException;
import proxy.testkit.ProjectPaths;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@code users}, {@code grants} and {@code secrets} commands end to end: each runs through {@link Main#run}
 * against a temporary config.json whose database path is relative (so it resolves against the config's folder),
 * then the proxy serves with that database and the AWS SDK signs with the printed key.
 */
class AdminCommandsEndToEndTest {
    private static final Pattern KEY = Pattern.compile("accessKey (\\S+)\\nsecretKey (\\S+)\\n");

    @TempDir
    Path dir;
    Path config;
    Map<String, String> env = Map.of("PROXY_SECRETS_KEY", key((byte) 7));
    RunningProxy proxy;
    String xlon;
    String xetr;

    record Run(int code, String out, String err) {
    }

    record Keys(String accessKey, String secretKey) {
    }

    @BeforeEach
    void writeConfig() throws IOException {
        Path trades = ProjectPaths.fixtureTables().resolve("trades");
        config = dir.resolve("config.json");
        Files.writeString(config, """
                {"bindAddress": "127.0.0.1", "port": 0, "metricsPort": null, "getMode": "proxy", "audit": "off",
                 "tableMapping": {"trades": "%s"},
                 "users": [{"name": "alice", "accessKey": "AKALICE0000000000001", "secretKey": "alice-secret"}],
                 "database": {"uri": "sqlite:state/admin.db", "refreshSeconds": 1}, "databaseEnabled": true}"""
                .formatted(trades.toUri()));
        Files.createDirectories(dir.resolve("state"));
        xlon = dataFile(trades, "MIC=XLON");
        xetr = dataFile(trades, "MIC=XETR");
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    static String key(byte fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    Run run(Map<String, String> environment, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String[] withConfig = Stream.concat(Stream.of(args), Stream.of("--config", config.toString()))
                .toArray(String[]::new);
        int code = Main.run(withConfig, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run run(String... args) {
        return run(env, args);
    }

    Keys issued(Run run) {
        assertEquals(0, run.code(), run.err());
        Matcher m = KEY.matcher(run.out());
        assertTrue(m.find(), run.out());
        return new Keys(m.group(1), m.group(2));
    }

    void serve(Map<String, String> environment) {
        proxy = new RunningProxy(ConfigFiles.load(new Arguments("serve", Map.of("config", config.toString()),
                List.of()), environment));
    }

    int status(Keys keys, String key) {
        try (S3Client client = proxy.client(keys.accessKey(), keys.secretKey())) {
            client.getObjectAsBytes(b -> b.bucket("datalake").key(key));
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    static void eventually(IntSupplier status, int expected, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        int last;
        while ((last = status.getAsInt()) != expected) {
            assertTrue(Instant.now().isBefore(deadline), what + ": still " + last + " after 10 s");
            Thread.sleep(200);
        }
    }

    static String dataFile(Path table, String partition) throws IOException {
        try (Stream<Path> walk = Files.walk(table.resolve(partition))) {
            return "trades/" + table.relativize(walk.filter(p -> p.toString().endsWith(".parquet")).sorted()
                    .findFirst().orElseThrow()).toString();
        }
    }

    @Test
    void databaseMigrateCreatesTheSchemaAndNothingElse() throws Exception {
        Run migrated = run("database", "migrate");
        assertEquals(0, migrated.code(), migrated.err());
        assertTrue(migrated.out().contains("is current"), migrated.out());
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/admin.db"));
             var rs = c.createStatement().executeQuery("SELECT MAX(version), (SELECT COUNT(*) FROM principals)"
                     + " FROM schema_version")) {
            assertTrue(rs.next());
            assertEquals(Schema.CURRENT, rs.getInt(1));
            assertEquals(0, rs.getInt(2));
        }
        assertEquals(0, run("database", "migrate").code(), "a current schema is left as it is");
        assertEquals(2, run("database", "drop").code());
    }

    @Test
    void addedUserReadsItsGrantedPartitionOnlyUntilDisabled() throws Exception {
        Keys carol = issued(run("users", "add", "carol"));
        assertTrue(Files.exists(dir.resolve("state/admin.db")), "the database path resolves against the config folder");
        assertEquals(0, run("grants", "add", "--user", "carol", "--table", "trades", "--partition", "MIC=XLON").code());
        serve(env);
        assertEquals(200, status(carol, xlon));
        assertEquals(403, status(carol, xetr));

        assertEquals(0, run("users", "disable", "carol").code());
        eventually(() -> status(carol, xlon), 403, "disabled user");
        assertEquals(0, run("users", "enable", "carol").code());
        eventually(() -> status(carol, xlon), 200, "re-enabled user");

        Run list = run("grants", "list", "--user", "carol");
        Matcher id = Pattern.compile("\\n\\s*(\\d+)\\s+carol\\s+trades\\s+read\\s+\\{MIC=XLON}").matcher(list.out());
        assertTrue(id.find(), list.out());
        assertEquals(0, run("grants", "revoke", id.group(1)).code());
        eventually(() -> status(carol, xlon), 403, "revoked grant");
    }

    @Test
    void aWriteGrantAddedWithWriteLetsItsUserWriteItsPartitionAndExplainShowsIt() throws Exception {
        Path table = dir.resolve("trades");
        try (Stream<Path> walk = Files.walk(ProjectPaths.fixtureTables().resolve("trades"))) {
            Path from = ProjectPaths.fixtureTables().resolve("trades");
            for (Path p : walk.toList()) {
                Files.copy(p, table.resolve(from.relativize(p).toString()));
            }
        }
        Files.writeString(config, Files.readString(config).replace(ProjectPaths.fixtureTables().resolve("trades")
                .toUri().toString(), table.toUri().toString()).replace("\"databaseEnabled\": true",
                "\"databaseEnabled\": true, \"readOnly\": false"));
        Map<String, String> writable = new java.util.HashMap<>(env);
        writable.put("PROXY_WRITES__PROVENANCE_KEY", "admin-commands-provenance-key-0123456789");
        Keys carol = issued(run(writable, "users", "add", "carol"));
        assertEquals(0, run(writable, "grants", "add", "--user", "carol", "--table", "trades", "--partition",
                "MIC=XLON", "--write").code());
        assertTrue(run(writable, "grants", "list").out().lines()
                .anyMatch(l -> l.matches("\\s*\\d+\\s+carol\\s+trades\\s+write\\s+\\{MIC=XLON}")));
        Run explain = run(writable, "explain", "--table", "trades", "--user", "carol");
        assertEquals(3, explain.out().lines().filter(l -> l.strip().startsWith("WRITE")).count(), explain.out());
        assertTrue(explain.out().contains("carol can write 3 of 12 partitions of trades"), explain.out());
        serve(writable);
        try (S3Client client = proxy.writer(carol.accessKey(), carol.secretKey())) {
            client.putObject(b -> b.bucket("datalake").key("trades/MIC=XLON/date=2024-09-09/x.parquet"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
            assertEquals(403, assertThrows(S3Exception.class, () -> client.putObject(
                    b -> b.bucket("datalake").key("trades/MIC=XETR/date=2024-09-09/x.parquet"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("x"))).statusCode());
        }
        assertTrue(Files.exists(table.resolve("MIC=XLON/date=2024-09-09/x.parquet")));
        assertFalse(Files.exists(table.resolve("MIC=XETR/date=2024-09-09")));
    }

    @Test
    void rotatedOutKeyWorksWithinItsGracePeriodOnly() throws Exception {
        Keys old = issued(run("users", "add", "carol"));
        assertEquals(0, run("grants", "add", "--user", "carol", "--table", "trades").code());
        serve(env);
        assertEquals(200, status(old, xetr));
        Keys rotated = issued(run("users", "rotate-key", "carol", "--grace", "5s"));
        Instant graceEnds = Instant.now().plusSeconds(5);
        eventually(() -> status(rotated, xetr), 200, "the new key (whole-table grant)");
        assertEquals(200, status(old, xetr), "the old key within the grace period");
        assertTrue(Instant.now().isBefore(graceEnds), "checked within the grace period");
        eventually(() -> status(old, xetr), 403, "the old key after the grace period");
        assertEquals(200, status(rotated, xetr));
        assertTrue(run("users", "list").out().contains(rotated.accessKey()));
    }

    @Test
    void grantOnAColumnThatIsNotAPartitionColumnIsRefusedNamingTheColumns() {
        issued(run("users", "add", "carol"));
        Run refused = run("grants", "add", "--user", "carol", "--table", "trades", "--partition", "exchange=XLON");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("'exchange' is not a partition column of trades")
                && refused.err().contains("MIC") && refused.err().contains("date"), refused.err());
        assertTrue(run("grants", "list").out().lines().count() == 1, "nothing was granted");
        assertEquals(2, run("grants", "add", "--user", "nobody", "--table", "trades").code());
    }

    @Test
    void namesOfConfigUsersAndReservedNamesAreRefused() {
        for (String name : new String[] {"alice", "*", "anonymous"}) {
            Run refused = run("users", "add", name);
            assertEquals(2, refused.code(), name);
            assertTrue(refused.err().startsWith("error: "), refused.err());
        }
        assertEquals(2, run("users", "add", "carol", "extra").code());
        assertEquals(2, run("users", "frobnicate").code());
    }

    @Test
    void secretsAreStoredEncryptedAndTheKeyRotatesInOneCommand() throws Exception {
        Keys carol = issued(run("users", "add", "carol"));
        assertEquals(0, run("grants", "add", "--user", "carol", "--table", "trades").code());
        assertFalse(Files.readString(dir.resolve("state/admin.db"), StandardCharsets.ISO_8859_1)
                .contains(carol.secretKey()), "no secret in plain text in the database file");

        Run noKey = run(Map.of(), "users", "add", "dave");
        assertEquals(2, noKey.code());
        assertTrue(noKey.err().contains("PROXY_SECRETS_KEY"), noKey.err());

        Path newKey = dir.resolve("new.key");
        Files.writeString(newKey, key((byte) 9) + "\n");
        Run rotated = run("secrets", "rotate-key", "--new-key-file", newKey.toString());
        assertEquals(0, rotated.code(), rotated.err());
        assertFalse(rotated.out().contains(carol.secretKey()) || rotated.err().contains(carol.secretKey()));

        var oldKeyError = assertThrows(ConfigException.class, () -> serve(env));
        assertEquals("database.secretsKey", oldKeyError.key(), "serve refuses to start with the old key");
        Files.writeString(config, Files.readString(config).replace("\"refreshSeconds\": 1",
                "\"refreshSeconds\": 1, \"secretsKeyFile\": \"new.key\""));
        serve(Map.of());
        assertEquals(200, status(carol, xetr));
    }

    @Test
    void aDatabasePrincipalNamedLikeAConfigUserStopsServe() throws Exception {
        issued(run("users", "add", "carol"));
        Files.writeString(config, Files.readString(config).replace("\"name\": \"alice\"", "\"name\": \"carol\""));
        var collision = assertThrows(ConfigException.class, () -> serve(env));
        assertEquals("users[carol].name", collision.key());
    }
}
