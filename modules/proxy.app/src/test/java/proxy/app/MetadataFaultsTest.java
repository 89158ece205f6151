package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.AuditConfig;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import proxy.testkit.TreeCopy;

/**
 * Metadata faults under the wired product: a table whose {@code _delta_log} is missing or whose first commit is
 * corrupt, and a grants database that is missing or locked ({@code BEGIN EXCLUSIVE} held by another connection).
 * Each fails closed with 503 ServiceUnavailable (never a 200, never a silent grant), except a missing log, which
 * is an empty table whose files are all refused (403), and recovers without a restart once fixed; the log names
 * what failed but no secret.
 */
class MetadataFaultsTest {
    private static final String KEY = "AKIAMETAFAULTS000001";
    private static final String SECRET = "metadata-secret-never-logged";
    private static final AtomicInteger SURVIVED = new AtomicInteger();
    private static final List<String> SIGNATURES = new ArrayList<>();
    private static LogCapture logs;

    @TempDir
    Path dir;

    @BeforeAll
    static void capture() {
        logs = new LogCapture();
    }

    @AfterAll
    static void report() {
        var secrets = new ArrayList<>(List.of(SECRET));
        secrets.addAll(SIGNATURES);
        List<String> leaks = logs.leaking(secrets);
        logs.close();
        System.out.printf("metadata faults survived: %d; log records %d, records leaking a secret or signature: %d%n",
                SURVIVED.get(), logs.size(), leaks.size());
        assertEquals(List.of(), leaks);
    }

    /** A private copy of the trades fixture table. */
    private Path tradesCopy() throws IOException {
        Path source = ProjectPaths.fixtureTables().resolve("trades");
        return TreeCopy.copy(source, dir.resolve("trades"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String dataKey(Path table) throws IOException {
        try (Stream<Path> walk = Files.walk(table.resolve("MIC=XLON"))) {
            return table.relativize(walk.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst()
                    .orElseThrow()).toString();
        }
    }

    private static ProxyConfig.Builder config(Path table, boolean configGrant) {
        var grants = configGrant ? Map.of("trades", List.of(new PartitionSpec(Map.of("MIC", "XLON"))))
                : Map.<String, List<PartitionSpec>>of();
        return ProxyConfig.defaults(Map.of("trades", table.toUri())).toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .audit(new AuditConfig("off"))
                .users(List.of(new UserConfig("meta", KEY, new Secret(SECRET), grants)));
    }

    private static RawHttp.Response get(RunningProxy proxy, String key, boolean presigned) throws IOException {
        int port = proxy.endpoint().getPort();
        String host = "127.0.0.1:" + port;
        var signer = new RawSigner(KEY, SECRET);
        String path = "/datalake/trades/" + key;
        String head;
        if (presigned) {
            String query = signer.presignedQuery("GET", path, "", host, Instant.now());
            remember(query.substring(query.indexOf("X-Amz-Signature=") + 16));
            head = "GET " + path + "?" + query + " HTTP/1.1\r\nHost: " + host + "\r\n";
        } else {
            String headers = signer.headerAuth("GET", path, "", host, Instant.now());
            remember(headers.substring(headers.indexOf("Signature=") + 10, headers.indexOf("Signature=") + 74));
            head = "GET " + path + " HTTP/1.1\r\n" + headers;
        }
        return RawHttp.exchange(port, head.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private static void remember(String signature) {
        synchronized (SIGNATURES) {
            SIGNATURES.add(signature);
        }
    }

    /** Both auth forms answer 503 ServiceUnavailable. */
    private static void failsClosed(RunningProxy proxy, String key) throws IOException {
        for (boolean presigned : List.of(false, true)) {
            RawHttp.Response r = get(proxy, key, presigned);
            assertEquals(503, r.status(), r.text());
            assertEquals(Optional.of("ServiceUnavailable"), r.code(), r.text());
        }
    }

    /** Polls (up to 15 s) until the key reads 200 again, without a restart; returns the wait in ms. */
    private static long recovers(RunningProxy proxy, String key) throws Exception {
        return recovers(proxy, key, 503);
    }

    /** As {@link #recovers(RunningProxy, String)}, with {@code interim} the only other status allowed meanwhile. */
    private static long recovers(RunningProxy proxy, String key, int interim) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 15_000_000_000L) {
            RawHttp.Response r = get(proxy, key, false);
            if (r.status() == 200) {
                assertTrue(r.complete());
                SURVIVED.incrementAndGet();
                return (System.nanoTime() - start) / 1_000_000;
            }
            assertEquals(interim, r.status(), "only " + interim + " while recovering: " + r.text());
            Thread.sleep(200);
        }
        throw new AssertionError("did not recover within 15 s");
    }

    @Test
    void missingDeltaLogServesNothingAndRecovers() throws Exception {
        Path table = tradesCopy();
        String key = dataKey(table);
        Path away = table.resolveSibling("delta_log_away");
        Files.move(table.resolve("_delta_log"), away);
        try (var proxy = new RunningProxy(config(table, true).build())) {
            // A root without a log is an empty table (one not created yet): every data file refused, no log object.
            for (boolean presigned : List.of(false, true)) {
                RawHttp.Response r = get(proxy, key, presigned);
                assertEquals(403, r.status(), r.text());
                assertEquals(Optional.of("AccessDenied"), r.code(), r.text());
                assertEquals(404, get(proxy, "_delta_log/00000000000000000000.json", presigned).status());
            }
            Files.move(away, table.resolve("_delta_log"));
            System.out.printf("  _delta_log missing: 403 (an empty table), recovered %d ms after it came back%n",
                    recovers(proxy, key, 403));
        }
    }

    @Test
    void corruptFirstCommitFailsClosedAndRecovers() throws Exception {
        Path table = tradesCopy();
        String key = dataKey(table);
        Path commit = table.resolve("_delta_log/00000000000000000000.json");
        byte[] good = Files.readAllBytes(commit);
        Files.writeString(commit, "{\"protocol\": {not json at all\n\u0000\u0001garbage");
        try (var proxy = new RunningProxy(config(table, true).build())) {
            failsClosed(proxy, key);
            Files.write(commit, good);
            System.out.printf("  _delta_log corrupt: 503, recovered %d ms after the repair%n", recovers(proxy, key));
        }
    }

    /**
     * A corrupt new commit on a loaded table keeps the last good version: the file the corrupt commit was meant to
     * add stays refused (nothing the log did not vouch for becomes readable) while the files of earlier versions
     * are served; once the commit is rewritten validly it applies without a restart.
     */
    @Test
    void corruptNewCommitKeepsTheLastGoodVersionUntilRepaired() throws Exception {
        Path table = tradesCopy();
        String key = dataKey(table);
        String added = "MIC=XLON/date=2024-01-01/repaired-000.parquet";
        Files.copy(table.resolve(key), table.resolve(added));
        try (var proxy = new RunningProxy(config(table, true).metadataRefreshSeconds(1).build())) {
            assertEquals(200, get(proxy, key, false).status());
            long version = proxy.indexVersion("trades");
            Path next = table.resolve("_delta_log/" + String.format("%020d", version + 1) + ".json");
            Files.writeString(next, "{\"add\": {\"path\": \"" + added);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, get(proxy, key, false).status(), "last good version still served");
                assertEquals(403, get(proxy, added, true).status(), "the corrupt commit's file stays refused");
                Thread.sleep(300);
            }
            assertEquals(version, proxy.indexVersion("trades"));
            Files.writeString(next, "{\"add\":{\"path\":\"" + added + "\",\"partitionValues\":{\"date\":"
                    + "\"2024-01-01\",\"MIC\":\"XLON\"},\"size\":" + Files.size(table.resolve(added))
                    + ",\"modificationTime\":1795290906999,\"dataChange\":true}}\n");
            long start = System.nanoTime();
            int status = 403;
            while (status == 403 && System.nanoTime() - start < 15_000_000_000L) {
                Thread.sleep(200);
                status = get(proxy, added, false).status();
            }
            assertEquals(200, status, "the repaired commit applies without a restart");
            assertEquals(version + 1, proxy.indexVersion("trades"));
            SURVIVED.incrementAndGet();
            System.out.printf("  _delta_log corrupt new commit: version %d kept, repair applied after %d ms%n",
                    version, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static void sql(Path database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static final String[] SCHEMA = {
        "CREATE TABLE permissions (id INTEGER PRIMARY KEY, user_id TEXT, table_name TEXT, partition_filters TEXT)",
        "CREATE TABLE credentials (access_key TEXT PRIMARY KEY, secret_key TEXT NOT NULL, user_id TEXT NOT NULL,"
                + " enabled INTEGER NOT NULL DEFAULT 1)",
        "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'meta', 'trades', '{\"MIC\": \"XLON\"}')"};

    /**
     * The database disappears while the proxy runs (a missing database at startup is a configuration error, see
     * BadConfigurationTest): grants fail closed once the last good copy is too old, and recover when it is back.
     */
    @Test
    void missingDatabaseFailsClosedAndRecovers() throws Exception {
        Path table = tradesCopy();
        String key = dataKey(table);
        Path database = dir.resolve("grants.db");
        Path away = dir.resolve("grants.db.away");
        sql(database, SCHEMA);
        var config = config(table, false).databaseEnabled(true)
                .database(new DatabaseConfig("sqlite:" + database, 1)).build();
        try (var proxy = new RunningProxy(config)) {
            assertEquals(200, get(proxy, key, false).status());
            Files.move(database, away);
            long start = System.nanoTime();
            RawHttp.Response r = get(proxy, key, false);
            while (r.status() == 200 && System.nanoTime() - start < 30_000_000_000L) {
                Thread.sleep(250);
                r = get(proxy, key, false);
            }
            assertEquals(503, r.status(), r.text());
            failsClosed(proxy, key);
            Files.move(away, database);
            System.out.printf("  SQLite missing: 503 after %d ms, recovered %d ms after it was back%n",
                    (System.nanoTime() - start) / 1_000_000, recovers(proxy, key));
        }
    }

    @Test
    void lockedDatabaseFailsClosedAndRecovers() throws Exception {
        Path table = tradesCopy();
        String key = dataKey(table);
        Path database = dir.resolve("grants.db");
        sql(database, SCHEMA);
        var config = config(table, false).databaseEnabled(true)
                .database(new DatabaseConfig("sqlite:" + database, 1)).build();
        try (var proxy = new RunningProxy(config)) {
            assertEquals(200, get(proxy, key, false).status());
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + database);
                 Statement s = lock.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                long start = System.nanoTime();
                RawHttp.Response r = get(proxy, key, false);
                while (r.status() == 200 && System.nanoTime() - start < 30_000_000_000L) {
                    Thread.sleep(250);
                    r = get(proxy, key, false);
                }
                System.out.printf("  SQLite locked: last good grants served %d ms, then %d %s%n",
                        (System.nanoTime() - start) / 1_000_000, r.status(), r.code().orElse(""));
                assertEquals(503, r.status(), r.text());
                assertEquals(Optional.of("ServiceUnavailable"), r.code());
                failsClosed(proxy, key);
                s.execute("COMMIT");
            }
            System.out.printf("  SQLite locked: recovered %d ms after the lock was released%n", recovers(proxy, key));
        }
    }
}
