package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.ProviderContext;
import proxy.api.Table;
import proxy.api.audit.AuditLog;
import proxy.api.auth.Principal;
import proxy.api.config.GetMode;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.ObjectStoreProvider;
import proxy.api.storage.StoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The server over the real {@code file} store (loaded as a service, as the app does) and the AWS SDK client. */
class FileStoreEndToEndTest {
    @TempDir
    Path dir;
    private final byte[] data = new byte[200_000];
    private S3Server server;
    private ObjectStore store;
    private S3Client s3;

    @BeforeEach
    void start() throws IOException {
        new Random(11).nextBytes(data);
        Path trades = Files.createDirectories(dir.resolve("trades"));
        Files.createDirectories(trades.resolve("_delta_log"));
        Files.createDirectories(trades.resolve("date=2024-01-01"));
        Files.writeString(trades.resolve("_delta_log/00000000000000000000.json"), "{\"commitInfo\":{}}\n");
        Files.write(trades.resolve("date=2024-01-01/part-0.parquet"), data);
        Files.writeString(trades.resolve("date=2024-01-01/secret.parquet"), "hidden");
        Files.writeString(dir.resolve("outside.txt"), "outside the table");
        var config = ProxyConfig.defaults(java.util.Map.of("trades", trades.toUri())).toBuilder()
                .bindAddress("127.0.0.1").port(0).getMode(GetMode.PRESIGNED_URL).build();
        var context = new ProviderContext(config, Clock.systemUTC(), ProxyMetrics.NOOP);
        ObjectStoreProvider provider = ServiceLoader.load(ObjectStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("file")).findFirst().orElseThrow();
        store = provider.create(new StoreContext("trades", trades.toUri(), context));
        var tables = new LinkedHashMap<String, Table>();
        tables.put("trades", new Table("trades", store, new FakeIndex(java.util.Map.of(
                "date=2024-01-01/part-0.parquet", data.length, "date=2024-01-01/secret.parquet", 6))));
        server = new S3Server(config, tables, view -> new Principal("tester", "AKIDTEST"), new TestAuthorizer(),
                ProxyMetrics.NOOP, Clock.systemUTC(), AuditLog.OFF);
        server.start();
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
        store.close();
    }

    @Test
    void listsFilteredKeysOfTheTable() {
        var listing = s3.listObjectsV2(b -> b.bucket("datalake").prefix("trades/"));
        assertEquals(List.of("trades/_delta_log/00000000000000000000.json", "trades/date=2024-01-01/part-0.parquet"),
                listing.contents().stream().map(S3Object::key).toList());
        assertEquals(data.length, listing.contents().get(1).size());
        var root = s3.listObjectsV2(b -> b.bucket("datalake").delimiter("/"));
        assertEquals("trades/", root.commonPrefixes().getFirst().prefix());
        assertEquals(List.of(), s3.listObjectsV2(b -> b.bucket("datalake").prefix("trades/..")).contents());
        var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> s3.listObjectsV2(b -> b.bucket("datalake").prefix("trades/../")));
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
    }

    @Test
    void streamsFullAndRangedReadsBecauseTheFileStoreCannotPresign() {
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("datalake")
                .key("trades/date=2024-01-01/part-0.parquet")).asByteArray());
        var ranged = s3.getObjectAsBytes(b -> b.bucket("datalake").key("trades/date=2024-01-01/part-0.parquet")
                .range("bytes=65530-131080"));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 65_530, 131_081), ranged.asByteArray());
        assertEquals("bytes 65530-131080/200000", ranged.response().contentRange());
        var head = s3.headObject(b -> b.bucket("datalake").key("trades/_delta_log/00000000000000000000.json"));
        assertEquals(18, head.contentLength());
    }

    @Test
    void nothingOutsideTheTableIsReachable() {
        // "%2e%2e" here is a literal key segment (the SDK encodes '%'): a legal key that does not exist
        var expected = new LinkedHashMap<String, Integer>();
        expected.put("trades/../outside.txt", 400);
        expected.put("trades/date=2024-01-01/../../outside.txt", 400);
        expected.put("trades/%2e%2e/outside.txt", 404);
        expected.put("outside.txt", 404);
        expected.put("x/outside.txt", 403);
        expected.put("trades/date=2024-01-01/secret.parquet", 403);
        expected.put("trades/missing.parquet", 404);
        expected.forEach((key, status) -> {
            var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("datalake").key(key)));
            assertEquals(status, e.statusCode(), key);
        });
    }
}
