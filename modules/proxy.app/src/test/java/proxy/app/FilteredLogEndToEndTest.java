package proxy.app;

import proxy.testkit.LeakScan;
import proxy.testkit.KernelRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code deltaLog: filtered} end to end: fixture tables in S3Proxy, the proxy as {@code serve} wires it, the AWS SDK
 * as client and Delta Kernel as the oracle. A principal with partial grants downloads what it can list of a table
 * (its filtered {@code _delta_log/} and its readable data files) and Kernel reads that copy; a whole-table grant
 * reads the upstream log.
 */
class FilteredLogEndToEndTest {
    private static final String ALICE_KEY = "AKIAFILTEREDALICE001";
    private static final String ALICE_SECRET = "alice-filtered-secret";
    private static final String CAROL_KEY = "AKIAFILTEREDCAROL001";
    private static final String CAROL_SECRET = "carol-filtered-secret";
    private static final List<String> TABLES = List.of("trades", "history", "nulls_and_escapes");

    static S3TestServer backend;
    static RunningProxy proxy;
    static S3Client alice;
    static S3Client carol;
    static Path fixtures;
    static Path unsupported;
    static Engine engine = DefaultEngine.create(new Configuration());

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws IOException {
        fixtures = ProjectPaths.fixtureTables();
        backend = new S3TestServer();
        backend.createBucket("lake");
        for (String table : TABLES) {
            backend.uploadDirectory(fixtures.resolve(table), "lake", "t/" + table + "/");
        }
        unsupported = unsupportedTable();
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        proxy = new RunningProxy(config());
        alice = proxy.client(ALICE_KEY, ALICE_SECRET);
        carol = proxy.client(CAROL_KEY, CAROL_SECRET);
    }

    @AfterAll
    static void stop() throws IOException {
        alice.close();
        carol.close();
        proxy.close();
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static ProxyConfig config() {
        Map<String, String> nullCity = new HashMap<>();
        nullCity.put("city", null);
        Map<String, List<PartitionSpec>> aliceGrants = Map.of(
                "trades", List.of(spec("MIC", "XLON")),
                "history", List.of(spec("region", "EU"), spec("region", "LATAM")),
                "nulls_and_escapes", List.of(spec("city", "Zürich"), new PartitionSpec(nullCity)),
                "unsupported", List.of(spec("MIC", "XLON")));
        var users = List.of(new UserConfig("alice", ALICE_KEY, new Secret(ALICE_SECRET), aliceGrants),
                new UserConfig("carol", CAROL_KEY, new Secret(CAROL_SECRET),
                        Map.of("trades", List.of(spec("MIC", "XPAR"), PartitionSpec.WHOLE_TABLE))));
        Map<String, URI> mapping = new HashMap<>();
        TABLES.forEach(t -> mapping.put(t, URI.create("s3://lake/t/" + t)));
        mapping.put("unsupported", unsupported.toUri());
        return ProxyConfig.defaults(mapping).toBuilder()
                .metricsPort(OptionalInt.of(0))
                .getMode(GetMode.PROXY)
                .deltaLog(DeltaLogMode.FILTERED)
                .users(users)
                .s3(new S3BackendConfig(java.util.Optional.of(backend.endpoint()), "us-east-1", true))
                .build();
    }

    private static PartitionSpec spec(String column, String value) {
        return new PartitionSpec(Map.of(column, value));
    }

    @Test
    void kernelReadingThroughTheProxyReturnsExactlyTheGrantedRowsAtEveryVersion() throws IOException {
        Map<String, Predicate<Map<String, String>>> granted = Map.of(
                "trades", v -> "XLON".equals(v.get("MIC")),
                "history", v -> "EU".equals(v.get("region")) || "LATAM".equals(v.get("region")),
                "nulls_and_escapes", v -> v.containsKey("city")
                        && (v.get("city") == null || v.get("city").equals("Zürich")));
        for (String table : TABLES) {
            Path copy = download(alice, table, temp.resolve(table));
            long latest = KernelRows.latestVersion(engine, fixtures.resolve(table));
            assertEquals(latest, KernelRows.latestVersion(engine, copy), table);
            for (long v = 0; v <= latest; v++) {
                List<String> expected = KernelRows.read(engine, fixtures.resolve(table), v, granted.get(table));
                assertEquals(expected, KernelRows.read(engine, copy, v, x -> true), table + " at version " + v);
            }
            assertFalse(KernelRows.read(engine, copy, -1, x -> true).isEmpty(), table + ": the grant reads rows");
            assertTrue(KernelRows.read(engine, copy, -1, x -> true).size()
                    < KernelRows.read(engine, fixtures.resolve(table), -1, x -> true).size(), table + " is partial");
        }
    }

    @Test
    void noServedLogObjectHoldsAHiddenPathPartitionValueOrStatisticAndNoCrcIsServed() throws IOException {
        List<String> hiddenTrades = new ArrayList<>(List.of("XETR", "XMIL", "XPAR", "SAP", "SIE", "ENI", "BNP"));
        hiddenTrades.addAll(fileNames(fixtures.resolve("trades"), p -> !p.contains("MIC=XLON")));
        List<String> hiddenHistory = new ArrayList<>(List.of("\"US\"", "region=US", "-US-", "APAC"));
        hiddenHistory.addAll(fileNames(fixtures.resolve("history"), p -> p.contains("=US") || p.contains("APAC")));
        for (var e : Map.of("trades", hiddenTrades, "history", hiddenHistory).entrySet()) {
            List<String> keys = keys(alice, e.getKey() + "/_delta_log/");
            assertFalse(keys.isEmpty());
            assertTrue(keys.stream().noneMatch(k -> k.endsWith(".crc")), keys.toString());
            Path copy = download(alice, e.getKey(), temp.resolve(e.getKey()));
            String decoded = LeakScan.decode(copy.resolve("_delta_log"));
            for (String token : e.getValue()) {
                assertFalse(decoded.contains(token), e.getKey() + ": served log holds " + token);
            }
            String crc = e.getKey() + "/_delta_log/00000000000000000001.crc";
            assertEquals(404, status(() -> alice.headObject(b -> b.bucket("datalake").key(crc))));
            S3Exception missing = assertThrows(S3Exception.class,
                    () -> alice.getObjectAsBytes(b -> b.bucket("datalake").key(crc)));
            assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
        }
    }

    @Test
    void listHeadAndGetAgreeOnSizeAndEtagWithUpstreamTimesRangesAndConditions() throws Exception {
        List<S3Object> listed = objects(alice, "history/_delta_log/");
        assertTrue(listed.stream().anyMatch(o -> o.key().endsWith("10.checkpoint.parquet")), listed.toString());
        assertTrue(listed.stream().anyMatch(o -> o.key().endsWith("_last_checkpoint")), listed.toString());
        for (S3Object o : listed) {
            HeadObjectResponse head = alice.headObject(b -> b.bucket("datalake").key(o.key()));
            assertEquals(o.size(), head.contentLength(), o.key());
            assertEquals(o.eTag(), head.eTag(), o.key());
            ResponseBytes<GetObjectResponse> got = alice.getObjectAsBytes(b -> b.bucket("datalake").key(o.key()));
            byte[] bytes = got.asByteArray();
            assertEquals(o.size(), bytes.length, o.key());
            assertEquals(o.eTag(), got.response().eTag(), o.key());
            assertEquals(etagOf(bytes), o.eTag(), o.key() + ": ETag is the hash of the filtered bytes");
            String upstreamKey = "t/" + o.key();
            HeadObjectResponse upstream = backend.client().headObject(b -> b.bucket("lake").key(upstreamKey));
            assertEquals(upstream.lastModified(), head.lastModified(), o.key());
            assertNotEquals(upstream.eTag(), head.eTag(), o.key() + " is filtered");
            byte[] range = alice.getObjectAsBytes(b -> b.bucket("datalake").key(o.key()).range("bytes=3-10"))
                    .asByteArray();
            assertArrayEquals(Arrays.copyOfRange(bytes, 3, 11), range, o.key());
            assertEquals(304, status(() -> alice.getObject(b -> b.bucket("datalake").key(o.key())
                    .ifNoneMatch(o.eTag()))));
            assertEquals(412, status(() -> alice.getObject(b -> b.bucket("datalake").key(o.key())
                    .ifMatch(upstream.eTag()))));
        }
        String last = alice.getObjectAsBytes(b -> b.bucket("datalake").key("history/_delta_log/_last_checkpoint"))
                .asUtf8String();
        assertTrue(last.startsWith("{\"version\":10,"), last);
    }

    @Test
    void aWholeTableGrantReadsTheUpstreamBytesAndEtags() throws IOException {
        String key = "trades/_delta_log/00000000000000000001.json";
        ResponseBytes<GetObjectResponse> got = carol.getObjectAsBytes(b -> b.bucket("datalake").key(key));
        assertArrayEquals(Files.readAllBytes(fixtures.resolve("trades/_delta_log/00000000000000000001.json")),
                got.asByteArray());
        assertEquals(backend.client().headObject(b -> b.bucket("lake").key("t/" + key)).eTag(),
                got.response().eTag());
        assertTrue(keys(carol, "trades/_delta_log/").stream().anyMatch(k -> k.endsWith(".crc")));
        assertFalse(Arrays.equals(got.asByteArray(),
                alice.getObjectAsBytes(b -> b.bucket("datalake").key(key)).asByteArray()));
    }

    @Test
    void aTableWithAnUnknownFeatureAnswers503ForItsLogAndLogsTheTableAndFeature() {
        try (LogCapture log = new LogCapture()) {
            String key = "unsupported/_delta_log/00000000000000000001.json";
            assertEquals(503, status(() -> alice.getObjectAsBytes(b -> b.bucket("datalake").key(key))));
            assertEquals(503, status(() -> alice.headObject(b -> b.bucket("datalake").key(key))));
            assertEquals(503, status(() -> alice.listObjectsV2(b -> b.bucket("datalake")
                    .prefix("unsupported/_delta_log/"))));
            assertFalse(log.containing("table unsupported").isEmpty(), "a log line names the table");
            assertFalse(log.containing("catalogManaged").isEmpty(), "a log line names the feature");
        }
    }

    @Test
    void twoServersServeIdenticalBytesAndEtags() throws IOException {
        try (RunningProxy second = new RunningProxy(config());
             S3Client other = second.client(ALICE_KEY, ALICE_SECRET)) {
            for (String table : List.of("trades", "history")) {
                List<S3Object> mine = objects(alice, table + "/_delta_log/");
                long cold = System.nanoTime();
                List<S3Object> theirs = objects(other, table + "/_delta_log/");
                long warm = System.nanoTime();
                objects(other, table + "/_delta_log/");
                System.out.printf("%s: LIST of the filtered _delta_log/ (%d objects, pages of 5) cold %.1f ms,"
                        + " warm %.1f ms%n", table, theirs.size(), (warm - cold) / 1e6, (System.nanoTime() - warm) / 1e6);
                assertEquals(mine.stream().map(o -> o.key() + " " + o.size() + " " + o.eTag()).toList(),
                        theirs.stream().map(o -> o.key() + " " + o.size() + " " + o.eTag()).toList());
                for (S3Object o : mine) {
                    assertArrayEquals(alice.getObjectAsBytes(b -> b.bucket("datalake").key(o.key())).asByteArray(),
                            other.getObjectAsBytes(b -> b.bucket("datalake").key(o.key())).asByteArray(), o.key());
                }
            }
        }
    }

    @Test
    void repeatedReadsOfTheFilteredLogHitTheCacheAndAreCounted() throws Exception {
        String key = "history/_delta_log/00000000000000000003.json";
        double hits = metric("s3proxy_cache_requests_total", "cache=\"filtered_log\"", "result=\"hit\"");
        byte[] first = alice.getObjectAsBytes(b -> b.bucket("datalake").key(key)).asByteArray();
        byte[] second = alice.getObjectAsBytes(b -> b.bucket("datalake").key(key)).asByteArray();
        assertArrayEquals(first, second);
        assertTrue(metric("s3proxy_cache_requests_total", "cache=\"filtered_log\"", "result=\"hit\"") >= hits + 1);
        assertTrue(metric("s3proxy_cache_requests_total", "cache=\"filtered_log\"", "result=\"miss\"") >= 1);
    }

    @Test
    void buildTimesAreMeasuredByKindAndTheMetricsNameNoHiddenFileOrSize() throws Exception {
        for (S3Object o : objects(alice, "history/_delta_log/")) {
            alice.getObjectAsBytes(b -> b.bucket("datalake").key(o.key()));
        }
        String build = "s3proxy_filtered_log_build_seconds_count";
        for (String kind : List.of("commit", "checkpoint", "last_checkpoint")) {
            assertTrue(metric(build, "kind=\"" + kind + "\"", "outcome=\"success\"") >= 1, kind);
        }
        String exposition = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        List<String> forbidden = new ArrayList<>(List.of("_delta_log", ".parquet", ".json", "region=", "alice"));
        forbidden.addAll(fileNames(fixtures.resolve("history"), p -> true));
        for (String token : forbidden) {
            assertFalse(exposition.contains(token), "the metrics hold " + token);
        }
    }

    /** The sum of a metric's samples whose line contains every given label text. */
    private static double metric(String name, String... labels) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body().lines()
                .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Copies every key the client can list under the table into a directory, as a table root. */
    private static Path download(S3Client client, String table, Path dir) throws IOException {
        for (S3Object o : objects(client, table + "/")) {
            Path target = dir.resolve(o.key().substring(table.length() + 1));
            Files.createDirectories(target.getParent());
            Files.write(target, client.getObjectAsBytes(b -> b.bucket("datalake").key(o.key())).asByteArray());
        }
        return dir;
    }

    private static List<S3Object> objects(S3Client client, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket("datalake").prefix(prefix).maxKeys(5)).contents()
                .stream().toList();
    }

    private static List<String> keys(S3Client client, String prefix) {
        return objects(client, prefix).stream().map(S3Object::key).toList();
    }

    /** The names (without the {@code .parquet} suffix) of the data files whose relative path matches. */
    private static List<String> fileNames(Path table, Predicate<String> hidden) throws IOException {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
                    .filter(p -> hidden.test(table.relativize(p).toString()))
                    .map(p -> p.getFileName().toString().replace(".parquet", "")).toList();
        }
    }

    private static String etagOf(byte[] bytes) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
        return "\"" + HexFormat.of().formatHex(sha, 0, 16) + "-1\"";
    }

    private static int status(Runnable call) {
        return assertThrows(S3Exception.class, call::run).statusCode();
    }

    /** A copy of {@code trades} whose version 5 adds a reader feature the filter does not know. */
    private static Path unsupportedTable() throws IOException {
        Path root = Files.createTempDirectory("unsupported-table");
        Path source = fixtures.resolve("trades");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = root.resolve(source.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        String commit = "{\"commitInfo\":{\"timestamp\":1700000000000,\"operation\":\"UPGRADE\"}}\n"
                + "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"catalogManaged\"],"
                + "\"writerFeatures\":[\"catalogManaged\"]}}\n";
        Files.writeString(root.resolve("_delta_log/00000000000000000005.json"), commit, StandardCharsets.UTF_8);
        return root;
    }
}
