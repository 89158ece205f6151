package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import proxy.api.config.AuditConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * docs/grafana-dashboard.json queries only series that the running proxy exposes on its metrics port (a table on
 * an S3 backend, so backend calls are measured too).
 */
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile(
            "\\b(s3proxy_[a-z_]+|queries_[a-z_]+_total|unique_users_last_minute|backend_reply_latency_seconds_avg"
                    + "|average_message_size_bytes)\\b");

    private static Set<String> queriedMetrics(JsonNode dashboard) {
        var names = new TreeSet<String>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                var matcher = METRIC.matcher(target.get("expr").asText());
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void everyQueriedSeriesIsExposedAfterSomeTraffic() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                Files.readString(ProjectPaths.root().resolve("docs/grafana-dashboard.json")));
        assertEquals("DS_PROMETHEUS", dashboard.at("/__inputs/0/name").asText());
        assertEquals(39, dashboard.get("schemaVersion").asInt());
        Set<String> queried = queriedMetrics(dashboard);
        assertTrue(queried.size() >= 15, queried.toString());

        String body;
        try (var backend = new S3TestServer()) {
            backend.createBucket("lake");
            backend.uploadDirectory(ProjectPaths.fixtureTables().resolve("trades"), "lake", "gold/trades/");
            System.setProperty("aws.accessKeyId", backend.accessKey());
            System.setProperty("aws.secretAccessKey", backend.secretKey());
            body = scrapeAfterTraffic(backend.endpoint());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        var missing = new TreeSet<String>();
        for (String name : queried) {
            String family = name.replaceAll("_(bucket|count|sum)$", "");
            if (!body.contains("\n" + name) && !body.contains("\n" + family + "_bucket")) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "queried by the dashboard but not exposed: " + missing + "\n" + body);
        assertFalse(body.contains("dave"), "principal names never become labels");
    }

    /** Reads, a denial and an authentication failure through an S3-backed table; returns the exposition. */
    private static String scrapeAfterTraffic(URI backend) throws Exception {
        ProxyConfig config = ProxyConfig.defaults(Map.of("trades", URI.create("s3://lake/gold/trades"))).toBuilder()
                .metricsPort(OptionalInt.of(0)).getMode(GetMode.PROXY).audit(new AuditConfig("off"))
                .s3(new S3BackendConfig(Optional.of(backend), "us-east-1", true))
                .users(List.of(new UserConfig("dave", "AKIADAVE00000000001", new Secret("dave-secret"),
                        Map.of("trades", List.of(new PartitionSpec(Map.of("MIC", "XLON")))))))
                .build();
        try (var proxy = new RunningProxy(config);
             S3Client dave = proxy.client("AKIADAVE00000000001", "dave-secret");
             S3Client wrong = proxy.client("AKIADAVE00000000001", "not-the-secret")) {
            awaitReady(proxy);
            dave.listObjectsV2(b -> b.bucket("datalake").prefix("trades/MIC=XLON/"))
                    .contents().forEach(o -> dave.getObjectAsBytes(b -> b.bucket("datalake").key(o.key())));
            assertThrows(S3Exception.class, () -> dave.headObject(b -> b.bucket("datalake")
                    .key("trades/MIC=XPAR/date=2024-01-01/x.parquet")));
            assertThrows(S3Exception.class, () -> wrong.listBuckets());
            return get(proxy, "/metrics").body();
        }
    }

    private static HttpResponse<String> get(RunningProxy proxy, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.metricsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady(RunningProxy proxy) throws Exception {
        for (int i = 0; i < 300 && get(proxy, "/readyz").statusCode() != 200; i++) {
            Thread.sleep(20);
        }
        assertEquals(200, get(proxy, "/readyz").statusCode());
    }
}
