package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The product end to end: config records → ServiceLoader providers → real file and S3 stores (S3Proxy in-process)
 * → the Delta index over the fixture tables → verified SigV4 → partition authorization, driven by the AWS SDK.
 */
class ProxyEndToEndTest {
    static final String ALICE_KEY = "AKIAALICE0000000001";
    static final String ALICE_SECRET = "alice secret/with+odd=chars";
    static final String BOB_KEY = "AKIABOB00000000001";
    static final String BOB_SECRET = "bob-secret";

    static S3TestServer backend;
    static RunningProxy proxy;
    static S3Client alice;
    static S3Client bob;
    static Path tables;

    @BeforeAll
    static void start() {
        tables = ProjectPaths.fixtureTables();
        backend = new S3TestServer();
        backend.createBucket("lake");
        backend.uploadDirectory(tables.resolve("trades"), "lake", "gold/trades/");
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        proxy = new RunningProxy(config());
        alice = proxy.client(ALICE_KEY, ALICE_SECRET);
        bob = proxy.client(BOB_KEY, BOB_SECRET);
    }

    static ProxyConfig config() {
        var users = List.of(
                new UserConfig("alice", ALICE_KEY, new Secret(ALICE_SECRET), Map.of(
                        "trades", List.of(new PartitionSpec(Map.of("MIC", "XLON"))),
                        "nulls_and_escapes", List.of(new PartitionSpec(Map.of("city", "Zürich")),
                                new PartitionSpec(nullCity())))),
                new UserConfig("bob", BOB_KEY, new Secret(BOB_SECRET), Map.of()));
        return ProxyConfig.defaults(Map.of(
                        "trades", tables.resolve("trades").toUri(),
                        "trades_s3", URI.create("s3://lake/gold/trades"),
                        "history", tables.resolve("history").toUri(),
                        "nulls_and_escapes", tables.resolve("nulls_and_escapes").toUri()))
                .toBuilder()
                .metricsPort(OptionalInt.of(0))
                .getMode(GetMode.PROXY)
                .users(users)
                .allowedPartitions(Map.of("trades_s3",
                        List.of(new PartitionSpec(Map.of("MIC", "XETR", "date", "2024-01-02")))))
                .s3(new S3BackendConfig(java.util.Optional.of(backend.endpoint()), "us-east-1", true))
                .build();
    }

    private static Map<String, String> nullCity() {
        var values = new java.util.HashMap<String, String>();
        values.put("city", null);
        return values;
    }

    @AfterAll
    static void stop() {
        alice.close();
        bob.close();
        proxy.close();
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** The relative keys of the data files under a table's partition directory, from disk. */
    static List<String> dataFiles(String table, String partitionDir) throws IOException {
        Path root = tables.resolve(table);
        try (Stream<Path> walk = Files.walk(root.resolve(partitionDir))) {
            return walk.filter(p -> p.toString().endsWith(".parquet"))
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static List<String> keys(S3Client client, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket("datalake").prefix(prefix).maxKeys(7)).contents()
                .stream().map(S3Object::key).toList();
    }

    static List<String> rootPrefixes(S3Client client) {
        return client.listObjectsV2(b -> b.bucket("datalake").delimiter("/")).commonPrefixes().stream()
                .map(CommonPrefix::prefix).toList();
    }

    static S3Exception refused(Runnable call) {
        return assertThrows(S3Exception.class, call::run);
    }

    @Test
    void listBucketsShowsTheOneVirtualBucket() {
        assertEquals(List.of("datalake"), alice.listBuckets().buckets().stream().map(b -> b.name()).toList());
    }

    @Test
    void bucketRootShowsOnlyTablesWithAGrant() {
        assertEquals(List.of("nulls_and_escapes/", "trades/", "trades_s3/"), rootPrefixes(alice));
        assertEquals(List.of("trades_s3/"), rootPrefixes(bob), "everyone's allowedPartitions grant only");
    }

    @Test
    void tableListingShowsExactlyTheGrantedPartitionsAndTheLog() throws IOException {
        List<String> listed = keys(alice, "trades/");
        List<String> data = listed.stream().filter(k -> k.endsWith(".parquet")).toList();
        assertEquals(dataFiles("trades", "MIC=XLON").stream().map(k -> "trades/" + k).toList(), data);
        assertTrue(listed.stream().allMatch(k -> k.startsWith("trades/_delta_log/") || k.startsWith("trades/MIC=XLON/")),
                listed.toString());
        assertTrue(listed.contains("trades/_delta_log/00000000000000000000.json"));
        assertEquals(List.of(), keys(bob, "trades/"));
        assertEquals(List.of(), keys(bob, "history/"));
    }

    @Test
    void grantedFilesReadByteForByteWholeAndRanged() throws IOException {
        String key = dataFiles("trades", "MIC=XLON").getFirst();
        byte[] disk = Files.readAllBytes(tables.resolve("trades").resolve(key));
        byte[] whole = alice.getObject(b -> b.bucket("datalake").key("trades/" + key), ResponseTransformer.toBytes())
                .asByteArray();
        assertArrayEquals(disk, whole);
        byte[] range = alice.getObject(b -> b.bucket("datalake").key("trades/" + key).range("bytes=4-99"),
                ResponseTransformer.toBytes()).asByteArray();
        assertArrayEquals(Arrays.copyOfRange(disk, 4, 100), range);
        assertEquals(disk.length, alice.headObject(b -> b.bucket("datalake").key("trades/" + key)).contentLength());
    }

    @Test
    void forbiddenAndMissingKeysAreTheSame403() throws IOException {
        String forbidden = "trades/" + dataFiles("trades", "MIC=XETR").getFirst();
        String missing = "trades/MIC=XLON/date=2024-01-01/part-00000-does-not-exist.snappy.parquet";
        for (String key : List.of(forbidden, missing, "history/_delta_log/00000000000000000000.json",
                "no_such_table/x.parquet")) {
            S3Exception get = refused(() -> alice.getObjectAsBytes(b -> b.bucket("datalake").key(key)));
            assertEquals(403, get.statusCode(), key);
            assertEquals("AccessDenied", get.awsErrorDetails().errorCode(), key);
            assertEquals(403, refused(() -> alice.headObject(b -> b.bucket("datalake").key(key))).statusCode(), key);
        }
    }

    @Test
    void directoryProbesOfVisiblePrefixesAre404AndOthers403() {
        for (String key : List.of("trades/_delta_log", "trades/MIC=XLON", "trades/MIC=XLON/date=2024-01-01")) {
            S3Exception probe = refused(() -> alice.headObject(b -> b.bucket("datalake").key(key)));
            assertEquals(404, probe.statusCode(), key + " is a prefix alice's listing shows (S3A probes it)");
        }
        for (String key : List.of("trades/MIC=XETR", "history/_delta_log")) {
            assertEquals(403, refused(() -> alice.headObject(b -> b.bucket("datalake").key(key))).statusCode(), key);
        }
        assertEquals(403, refused(() -> bob.headObject(b -> b.bucket("datalake").key("trades/_delta_log")))
                .statusCode());
    }

    @Test
    void deltaLogIsReadableWithAnyGrantOnly() {
        String log = "trades/_delta_log/00000000000000000000.json";
        assertTrue(alice.getObjectAsBytes(b -> b.bucket("datalake").key(log)).asUtf8String().contains("\"protocol\""));
        assertEquals(403, refused(() -> bob.getObjectAsBytes(b -> b.bucket("datalake").key(log))).statusCode());
    }

    @Test
    void escapedAndNullPartitionValuesMatchTheirGrants() throws IOException {
        for (String dir : List.of("city=Zürich", "city=__HIVE_DEFAULT_PARTITION__")) {
            String key = "nulls_and_escapes/" + dataFiles("nulls_and_escapes", dir).getFirst();
            assertTrue(alice.getObjectAsBytes(b -> b.bucket("datalake").key(key)).asByteArray().length > 0, key);
        }
        for (String dir : List.of("city=a%3Db", "city=100%25", "city=New York", "city=東京", "city=a+b",
                "city=12%3A30", "city=a%2Fb")) {
            String key = "nulls_and_escapes/" + dataFiles("nulls_and_escapes", dir).getFirst();
            assertEquals(403, refused(() -> alice.getObjectAsBytes(b -> b.bucket("datalake").key(key))).statusCode(),
                    key);
        }
    }

    @Test
    void s3BackedTableServesOnlyTheEveryoneGrant() throws IOException {
        String granted = dataFiles("trades", "MIC=XETR/date=2024-01-02").getFirst();
        byte[] disk = Files.readAllBytes(tables.resolve("trades").resolve(granted));
        assertArrayEquals(disk, bob.getObjectAsBytes(b -> b.bucket("datalake").key("trades_s3/" + granted))
                .asByteArray());
        List<String> listed = keys(bob, "trades_s3/MIC=");
        assertEquals(dataFiles("trades", "MIC=XETR/date=2024-01-02").stream().map(k -> "trades_s3/" + k).toList(),
                listed);
        String other = "trades_s3/" + dataFiles("trades", "MIC=XETR/date=2024-01-01").getFirst();
        assertEquals(403, refused(() -> bob.getObjectAsBytes(b -> b.bucket("datalake").key(other))).statusCode());
    }

    @Test
    void wrongSecretAndUnknownKeyAreRefused() {
        try (S3Client impostor = proxy.client(ALICE_KEY, "not alice's secret");
             S3Client stranger = proxy.client("AKIAUNKNOWN00000001", "whatever")) {
            S3Exception bad = refused(impostor::listBuckets);
            assertEquals("SignatureDoesNotMatch", bad.awsErrorDetails().errorCode());
            assertFalse(bad.awsErrorDetails().errorMessage().contains(ALICE_SECRET));
            assertEquals("InvalidAccessKeyId", refused(stranger::listBuckets).awsErrorDetails().errorCode());
        }
    }

    @Test
    void metricsCountServedRequests() throws Exception {
        alice.listBuckets();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String served = response.body().lines().filter(l -> l.startsWith("queries_served_total ")).findFirst()
                .orElseThrow();
        assertTrue(Double.parseDouble(served.split(" ")[1]) >= 1, served);
        assertFalse(response.body().contains("alice"), "principal names never become labels");
    }

    /** The sum of a metric's samples whose line contains every given label text. */
    private static double metric(String name, String... labels) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines()
                .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void oneReadIsOneAuthorizationDecision() throws Exception {
        String key = "trades/" + dataFiles("trades", "MIC=XLON").getFirst();
        double before = metric("s3proxy_authorization_decisions_total", "table=\"trades\"", "result=\"allow\"");
        alice.headObject(b -> b.bucket("datalake").key(key));
        double after = metric("s3proxy_authorization_decisions_total", "table=\"trades\"", "result=\"allow\"");
        assertEquals(1.0, after - before, "each decision is counted once, by the authorizer");
    }
}
