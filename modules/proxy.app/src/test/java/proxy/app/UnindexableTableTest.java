package proxy.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.AuditConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import proxy.testkit.TreeCopy;

/**
 * One table whose Delta log cannot be indexed (a commit that is not JSON) beside a good one: the proxy turns ready
 * for the good table, {@code /readyz} and the metrics name the broken one as failed, and only the broken table
 * answers 503.
 */
class UnindexableTableTest {
    private static final String KEY = "AKIAUNINDEXABLE00001";
    private static final String SECRET = "unindexable-secret";

    @TempDir
    static Path dir;

    private static RunningProxy proxy;
    private static S3Client client;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path broken = dir.resolve("broken");
        TreeCopy.copy(ProjectPaths.fixtureTables().resolve("trades"), broken);
        try (Stream<Path> commits = Files.list(broken.resolve("_delta_log"))) {
            long next = commits.filter(p -> p.getFileName().toString().endsWith(".json")).count();
            Files.writeString(broken.resolve("_delta_log").resolve("%020d.json".formatted(next)),
                    "{\"add\": {\"path\": \"MIC=XLON/x.parquet\", this is not JSON\n");
        }
        var whole = List.of(new PartitionSpec(Map.of()));
        var config = ProxyConfig.defaults(Map.of(
                        "trades", ProjectPaths.fixtureTables().resolve("trades").toUri(),
                        "broken", broken.toUri()))
                .toBuilder().metricsPort(OptionalInt.of(0)).getMode(GetMode.PROXY).audit(new AuditConfig("off"))
                .users(List.of(new UserConfig("alice", KEY, new Secret(SECRET),
                        Map.of("trades", whole, "broken", whole))))
                .build();
        proxy = new RunningProxy(config);
        client = proxy.client(KEY, SECRET);
    }

    @AfterAll
    static void stop() {
        client.close();
        proxy.close();
        HTTP.close();
    }

    @Test
    void theInstanceTurnsReadyNamingTheFailedTableWhichAloneAnswers503() throws Exception {
        HttpResponse<String> readyz = awaitReady();
        String metrics = get("/metrics").body();
        var refused = assertThrows(S3Exception.class, () -> client.headObject(b -> b.bucket("datalake")
                .key("broken/_delta_log/00000000000000000000.json")));
        String goodKey = client.listObjectsV2(b -> b.bucket("datalake").prefix("trades/MIC=XLON/")).contents()
                .getFirst().key();

        assertAll(
                () -> assertEquals(200, readyz.statusCode(), readyz.body()),
                () -> assertEquals("ready\nfailed:\ntable:broken\n", readyz.body()),
                () -> assertTrue(metrics.contains("s3proxy_component_failed{component=\"table:broken\"} 1"), metrics),
                () -> assertTrue(metrics.contains("s3proxy_component_ready{component=\"table:trades\"} 1"), metrics),
                () -> assertEquals(503, refused.statusCode()),
                () -> assertEquals(200, client.getObjectAsBytes(b -> b.bucket("datalake").key(goodKey))
                        .response().sdkHttpResponse().statusCode()));
    }

    /** {@code /readyz} once it answers 200, or its last answer after 30 seconds. */
    private static HttpResponse<String> awaitReady() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> response = get("/readyz");
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get("/readyz");
        }
        return response;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.metricsPort() + path)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
