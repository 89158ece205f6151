package proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import proxy.api.ProviderContext;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.MetricsProvider;
import proxy.api.metrics.ProxyMetrics;

class PrometheusMetricsProviderTest {
    private final ProxyConfig base = ProxyConfig.defaults(Map.of("sales", URI.create("file:/tmp/sales")))
            .toBuilder().bindAddress("127.0.0.1").build();

    private static MetricsProvider loaded() {
        return ServiceLoader.load(MetricsProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("prometheus")).findFirst().orElseThrow();
    }

    private ProviderContext context(ProxyConfig config) {
        return new ProviderContext(config, new TestClock(Instant.EPOCH), ProxyMetrics.NOOP);
    }

    @Test
    void serviceLoaderFindsThePrometheusProviderAndItServesOnAFreePort() throws Exception {
        var config = base.toBuilder().metricsPort(OptionalInt.of(0)).build();
        try (var sink = loaded().create(context(config)); var client = HttpClient.newHttpClient()) {
            int port = sink.port().orElseThrow();
            var response = new Scrape(client, port).get("/healthz", "*/*");
            assertEquals(200, response.statusCode());
            assertEquals(0.0, new Scrape(client, port).samples().get("queries_served_total"));
        }
    }

    @Test
    void refusesAConfigWithoutMetricsPort() {
        var config = base.toBuilder().metricsPort(OptionalInt.empty()).build();
        var e = assertThrows(ConfigException.class, () -> loaded().create(context(config)));
        assertEquals("metricsPort", e.key());
    }
}
