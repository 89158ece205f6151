package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import proxy.api.config.AuditConfig;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.app.audit.JsonLinesAuditLog;
import proxy.http.S3Server;
import proxy.testkit.ProjectPaths;

/**
 * {@code /readyz} says ready only while the S3 endpoint accepts requests: not while the metrics server already
 * answers but the S3 port is not bound yet, and no longer once a stop has begun (a load balancer then sends new
 * requests elsewhere while in-flight ones finish).
 */
class EndpointReadinessTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readyOnlyWhileTheEndpointServes() throws Exception {
        var config = ProxyConfig.defaults(Map.of("trades", ProjectPaths.fixtureTables().resolve("trades").toUri()))
                .toBuilder().bindAddress("127.0.0.1").port(0).metricsPort(OptionalInt.of(0))
                .audit(new AuditConfig("off"))
                .users(List.of(new UserConfig("alice", "AKIAREADINESS0000001", new Secret("readiness-secret"),
                        Map.of("trades", List.of(new PartitionSpec(Map.of()))))))
                .build();
        try (var components = new ProviderWiring(config, Clock.systemUTC())) {
            var server = new S3Server(components.config(), components.tables(), components.authenticator(),
                    components.authorizer(), components.context().metrics(), Clock.systemUTC(),
                    components.own(JsonLinesAuditLog.open(components.config().audit(), System.out, System.err)));
            components.warmUp(server::serving);
            int metrics = components.metricsPort().orElseThrow();
            components.awaitFirstLoads(List.of("trades"), Duration.ofSeconds(30));

            HttpResponse<String> before = readyz(metrics);
            assertEquals(503, before.statusCode(), before.body());
            assertTrue(before.body().contains("s3Endpoint"), before.body());

            server.start();
            assertEquals(200, readyz(metrics).statusCode());

            server.stop(Duration.ofSeconds(1));
            HttpResponse<String> after = readyz(metrics);
            assertEquals(503, after.statusCode(), after.body());
            assertTrue(after.body().contains("s3Endpoint"), after.body());
        }
    }

    private static HttpResponse<String> readyz(int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
