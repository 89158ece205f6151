package proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static proxy.metrics.Scrape.key;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import proxy.api.ProviderContext;
import proxy.api.config.MetricsExposure;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.MetricsProvider;
import proxy.api.metrics.MetricsSink;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.metrics.ReadinessCheck;

/** Who can reach the metrics port, what it names, and how a table that failed for good is reported. */
class MetricsExposureTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    private MetricsSink sinkFor(ProxyConfig.Builder config) {
        var provider = ServiceLoader.load(MetricsProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("prometheus")).findFirst().orElseThrow();
        return provider.create(new ProviderContext(config.metricsPort(OptionalInt.of(0)).build(), clock,
                ProxyMetrics.NOOP));
    }

    private static ProxyConfig.Builder servingOnAllAddresses() {
        return ProxyConfig.defaults(Map.of("sales", URI.create("file:/tmp/sales"))).toBuilder().bindAddress("0.0.0.0");
    }

    /** A non-loopback IPv4 address of this machine, if it has one. */
    private static Optional<InetAddress> externalAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(nic -> {
            try {
                return nic.isUp() && !nic.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    }

    private static boolean connects(InetAddress address, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void metricsListenOnLoopbackByDefaultEvenWhenTheS3EndpointListensEverywhere() throws Exception {
        Optional<InetAddress> external = externalAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback address");
        try (var sink = sinkFor(servingOnAllAddresses())) {
            int port = sink.port().orElseThrow();
            assertTrue(connects(InetAddress.getLoopbackAddress(), port));
            assertFalse(connects(external.get(), port), "metrics reachable on " + external.get());
        }
        try (var sink = sinkFor(servingOnAllAddresses()
                .metricsExposure(new MetricsExposure("0.0.0.0", true)))) {
            assertTrue(connects(external.get(), sink.port().orElseThrow()), "metricsBindAddress 0.0.0.0 is honoured");
        }
    }

    @Test
    void withoutTableLabelsNoSeriesAndNoReadinessLineNamesATable() throws Exception {
        try (var sink = sinkFor(servingOnAllAddresses().metricsExposure(new MetricsExposure("127.0.0.1", false)));
             var client = HttpClient.newHttpClient()) {
            sink.authorization("sales", true);
            sink.authorization("secret_alias", false);
            sink.indexRefresh("secret_alias", true, Duration.ofMillis(5), 7);
            sink.readiness(readiness(Map.of("table:secret_alias", false, "table:sales", true, "policyStore", true),
                    Set.of("table:secret_alias")));
            var scrape = new Scrape(client, sink.port().orElseThrow());
            String page = scrape.get("/metrics", "text/plain").body();
            String readyz = scrape.get("/readyz", "*/*").body();
            var s = Scrape.parse(page);

            assertAll(
                    () -> assertFalse(page.contains("secret_alias"), page),
                    () -> assertFalse(page.contains("sales"), page),
                    () -> assertFalse(page.contains("table=\""), page),
                    () -> assertFalse(readyz.contains("secret_alias"), readyz),
                    () -> assertEquals("ready\nfailed:\ntables\n", readyz),
                    () -> assertEquals(1.0, s.get(key("s3proxy_authorization_decisions_total", "result", "allow"))),
                    () -> assertEquals(1.0, s.get(key("s3proxy_authorization_decisions_total", "result", "deny"))),
                    () -> assertEquals(1.0, s.get(key("s3proxy_index_refreshes_total", "outcome", "success"))),
                    () -> assertEquals(1.0, s.get(key("s3proxy_component_failed", "component", "tables"))),
                    () -> assertEquals(1.0, s.get(key("s3proxy_component_ready", "component", "policyStore"))));
        }
    }

    @Test
    void aTableThatFailedForGoodIsNamedButDoesNotHoldReadinessBack() throws Exception {
        try (var sink = sinkFor(servingOnAllAddresses()); var client = HttpClient.newHttpClient()) {
            var scrape = new Scrape(client, sink.port().orElseThrow());
            sink.readiness(readiness(Map.of("table:broken", false, "table:loading", false, "table:sales", true,
                    "policyStore", true), Set.of("table:broken")));
            var starting = scrape.get("/readyz", "*/*");
            assertEquals(503, starting.statusCode());
            assertEquals("not ready:\ntable:loading\nfailed:\ntable:broken\n", starting.body());

            sink.readiness(readiness(Map.of("table:broken", false, "table:sales", true, "policyStore", true),
                    Set.of("table:broken")));
            var ready = scrape.get("/readyz", "*/*");
            var s = scrape.samples();
            assertAll(
                    () -> assertEquals(200, ready.statusCode()),
                    () -> assertEquals("ready\nfailed:\ntable:broken\n", ready.body()),
                    () -> assertEquals(0.0, s.get(key("s3proxy_component_ready", "component", "table:broken"))),
                    () -> assertEquals(1.0, s.get(key("s3proxy_component_failed", "component", "table:broken"))),
                    () -> assertEquals(1.0, s.get(key("s3proxy_component_ready", "component", "table:sales"))),
                    () -> assertEquals(0.0, s.get(key("s3proxy_component_failed", "component", "table:sales"))));
        }
    }

    @Test
    void aBlankMetricsBindAddressIsAConfigurationError() {
        var e = assertThrows(proxy.api.config.ConfigException.class, () -> new MetricsExposure(" ", true));
        assertEquals("metricsBindAddress", e.key());
    }

    private static ReadinessCheck readiness(Map<String, Boolean> components, Set<String> failed) {
        return new ReadinessCheck() {
            @Override
            public Map<String, Boolean> components() {
                return components;
            }

            @Override
            public Set<String> failed() {
                return failed;
            }
        };
    }
}
