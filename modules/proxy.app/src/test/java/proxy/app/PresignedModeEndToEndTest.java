package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.localproxy.LocalProxy;
import proxy.localproxy.LocalProxyOptions;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import proxy.testkit.TestS3Clients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * presignedUrl mode against a real S3 server: the proxy answers 307 to a presigned backend URL, and the AWS SDK
 * (which does not follow redirects) reads through the {@code local-proxy} helper, which follows them sending only
 * {@code Range}.
 */
class PresignedModeEndToEndTest {
    static final String KEY = "AKIACAROL0000000001";
    static final String SECRET = "carol-secret";

    static S3TestServer backend;
    static RunningProxy proxy;
    static LocalProxy helper;
    static S3Client throughHelper;
    static Path trades;

    @BeforeAll
    static void start() {
        trades = ProjectPaths.fixtureTables().resolve("trades");
        backend = new S3TestServer();
        backend.createBucket("lake");
        backend.uploadDirectory(trades, "lake", "trades/");
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        ProxyConfig config = ProxyConfig.defaults(Map.of("trades", URI.create("s3://lake/trades"))).toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PRESIGNED_URL)
                .users(List.of(new UserConfig("carol", KEY, new Secret(SECRET),
                        Map.of("trades", List.of(new PartitionSpec(Map.of("MIC", "XLON")))))))
                .s3(new S3BackendConfig(Optional.of(backend.endpoint()), "us-east-1", true))
                .build();
        proxy = new RunningProxy(config);
        helper = LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", 0), proxy.endpoint()));
        throughHelper = TestS3Clients.pathStyle(URI.create("http://127.0.0.1:" + helper.port()), "us-east-1",
                KEY, SECRET);
    }

    @AfterAll
    static void stop() {
        throughHelper.close();
        helper.close();
        proxy.close();
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static String dataFile(String partitionDir) throws IOException {
        try (var walk = Files.walk(trades.resolve(partitionDir))) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).map(p -> trades.relativize(p).toString())
                    .sorted().findFirst().orElseThrow();
        }
    }

    static URI presignedProxyUrl(String key) {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(proxy.endpoint())
                .region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .build()) {
            return URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("datalake").key(key))).url().toString());
        }
    }

    static HttpResponse<byte[]> fetch(URI uri) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void grantedDataFileIsRedirectedToAPresignedBackendUrl() throws Exception {
        String key = dataFile("MIC=XLON");
        HttpResponse<byte[]> redirect = fetch(presignedProxyUrl("trades/" + key));
        assertEquals(307, redirect.statusCode());
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertEquals(backend.endpoint().getPort(), location.getPort(), "the redirect goes to the backend");
        assertTrue(location.getRawQuery().contains("X-Amz-Signature="), location.getPath());
        assertArrayEquals(Files.readAllBytes(trades.resolve(key)), fetch(location).body());
    }

    @Test
    void deltaLogIsStreamedEvenInPresignedMode() throws Exception {
        HttpResponse<byte[]> log = fetch(presignedProxyUrl("trades/_delta_log/00000000000000000001.json"));
        assertEquals(200, log.statusCode());
        String body = new String(log.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(body.contains("MIC=XLON/") && !body.contains("MIC=XPAR/"),
                "streamed as carol's filtered view (deltaLog: filtered, the default): " + body);
    }

    @Test
    void forbiddenFileIsRefusedWithoutARedirect() throws Exception {
        assertEquals(403, fetch(presignedProxyUrl("trades/" + dataFile("MIC=XPAR"))).statusCode());
    }

    @Test
    void sdkReadsWholeAndRangedThroughLocalProxy() throws IOException {
        String key = dataFile("MIC=XLON");
        byte[] disk = Files.readAllBytes(trades.resolve(key));
        byte[] whole = throughHelper.getObject(b -> b.bucket("datalake").key("trades/" + key),
                ResponseTransformer.toBytes()).asByteArray();
        assertArrayEquals(disk, whole);
        var ranged = throughHelper.getObject(b -> b.bucket("datalake").key("trades/" + key).range("bytes=-64"),
                ResponseTransformer.toBytes());
        assertArrayEquals(Arrays.copyOfRange(disk, disk.length - 64, disk.length), ranged.asByteArray());
        assertEquals("bytes " + (disk.length - 64) + "-" + (disk.length - 1) + "/" + disk.length,
                ranged.response().contentRange());
    }

    @Test
    void sdkListsAndIsRefusedThroughLocalProxy() throws IOException {
        var keys = throughHelper.listObjectsV2(b -> b.bucket("datalake").prefix("trades/MIC=")).contents();
        assertTrue(!keys.isEmpty() && keys.stream().allMatch(o -> o.key().startsWith("trades/MIC=XLON/")));
        String forbidden = "trades/" + dataFile("MIC=XETR");
        S3Exception refused = assertThrows(S3Exception.class,
                () -> throughHelper.getObjectAsBytes(b -> b.bucket("datalake").key(forbidden)));
        assertEquals(403, refused.statusCode());
    }
}
