package proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static proxy.metrics.Scrape.key;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import proxy.api.metrics.ProxyMetrics.Outcome;

class PrometheusMetricsSinkTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PrometheusMetricsSink sink = new PrometheusMetricsSink("127.0.0.1", 0, clock);
    private final HttpClient client = HttpClient.newHttpClient();
    private final Scrape scrape = new Scrape(client, sink.port().orElseThrow());

    @AfterEach
    void close() {
        sink.close();
        client.close();
    }

    private void driveRequests() {
        sink.requestCompleted("GetObject", 200, 1000, Duration.ofMillis(100), "alice", Outcome.PROXIED);
        sink.requestCompleted("GetObject", 307, 0, Duration.ofMillis(5), "bob", Outcome.REDIRECTED);
        sink.requestCompleted("ListObjectsV2", 200, 500, Duration.ofMillis(20), "alice", Outcome.ANSWERED);
        sink.requestCompleted("GetObject", 403, 200, Duration.ofMillis(1), null, Outcome.ANSWERED);
        sink.backendCall("GetObject", true, Duration.ofMillis(200));
        sink.backendCall("HeadObject", false, Duration.ofMillis(400));
    }

    @Test
    void specMetricsCountRequestsAndAverageOverTheLastMinute() throws Exception {
        driveRequests();
        var samples = scrape.samples();
        assertAll(
                () -> assertEquals(4.0, samples.get("queries_served_total")),
                () -> assertEquals(1.0, samples.get("queries_proxied_total")),
                () -> assertEquals(2.0, samples.get("unique_users_last_minute")),
                () -> assertEquals(0.3, samples.get("backend_reply_latency_seconds_avg"), 1e-9),
                () -> assertEquals(425.0, samples.get("average_message_size_bytes")));
    }

    @Test
    void windowGaugesDropToZeroOnceTheMinuteHasPassed() throws Exception {
        driveRequests();
        clock.advance(Duration.ofSeconds(30));
        sink.requestCompleted("GetObject", 200, 100, Duration.ofMillis(1), "carol", Outcome.PROXIED);
        clock.advance(Duration.ofSeconds(31));
        var later = scrape.samples();
        assertAll(
                () -> assertEquals(1.0, later.get("unique_users_last_minute"), "only carol is recent"),
                () -> assertEquals(100.0, later.get("average_message_size_bytes")),
                () -> assertEquals(0.0, later.get("backend_reply_latency_seconds_avg")));
        clock.advance(Duration.ofSeconds(60));
        var idle = scrape.samples();
        assertAll(
                () -> assertEquals(5.0, idle.get("queries_served_total"), "counters never drop"),
                () -> assertEquals(2.0, idle.get("queries_proxied_total")),
                () -> assertEquals(0.0, idle.get("unique_users_last_minute")),
                () -> assertEquals(0.0, idle.get("backend_reply_latency_seconds_avg")),
                () -> assertEquals(0.0, idle.get("average_message_size_bytes")));
    }

    @Test
    void exposesTheSpecCounterNamesExactlyAndNeverPrincipals() throws Exception {
        driveRequests();
        String text = scrape.get("/metrics", "text/plain").body();
        assertAll(
                () -> assertTrue(text.contains("\n# TYPE queries_served_total counter\nqueries_served_total 4.0\n"),
                        text),
                () -> assertTrue(text.contains("\n# TYPE queries_proxied_total counter\nqueries_proxied_total 1.0\n"),
                        text),
                () -> assertTrue(text.contains("\n# TYPE unique_users_last_minute gauge\n"), text),
                () -> assertFalse(text.contains("_total_total"), text),
                () -> assertFalse(text.contains("alice") || text.contains("bob"), "principals are never exported"));
    }

    @Test
    void negotiatesOpenMetricsFromAccept() throws Exception {
        driveRequests();
        var response = scrape.get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/openmetrics-text"));
        assertTrue(response.body().contains("\nqueries_served_total 4.0\n"), response.body());
        assertTrue(response.body().endsWith("# EOF\n"));
    }

    @Test
    void labelledSeriesCarryOperationStatusClassAndOutcome() throws Exception {
        driveRequests();
        var s = scrape.samples();
        String duration = "s3proxy_request_duration_seconds_count";
        String backend = "s3proxy_backend_latency_seconds_count";
        assertAll(
                () -> assertEquals(1.0, s.get(key(duration, "operation", "GetObject", "status", "2xx"))),
                () -> assertEquals(1.0, s.get(key(duration, "operation", "GetObject", "status", "3xx"))),
                () -> assertEquals(1.0, s.get(key(duration, "operation", "GetObject", "status", "4xx"))),
                () -> assertEquals(1.0, s.get(key(duration, "operation", "ListObjectsV2", "status", "2xx"))),
                () -> assertEquals(0.02, s.get(key("s3proxy_request_duration_seconds_sum",
                        "operation", "ListObjectsV2", "status", "2xx")), 1e-9),
                () -> assertEquals(1200.0, s.get(key("s3proxy_response_bytes_total", "operation", "GetObject"))),
                () -> assertEquals(1.0, s.get("s3proxy_redirects_total")),
                () -> assertEquals(1.0, s.get(key(backend, "operation", "GetObject", "outcome", "success"))),
                () -> assertEquals(1.0, s.get(key(backend, "operation", "HeadObject", "outcome", "error"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_backend_latency_seconds_bucket",
                        "operation", "HeadObject", "outcome", "error", "le", "0.5"))));
    }

    @Test
    void getRoutingsAreCountedByLabel() throws Exception {
        sink.getRouted("redirect-client");
        sink.getRouted("stream-client");
        sink.getRouted("stream-client");
        sink.getRouted("trades/MIC=XLON/part-0.parquet");
        var s = scrape.samples();
        assertAll(
                () -> assertEquals(1.0, s.get(key("s3proxy_get_routing_total", "routing", "redirect-client"))),
                () -> assertEquals(2.0, s.get(key("s3proxy_get_routing_total", "routing", "stream-client"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_get_routing_total", "routing", "other")),
                        "a value that is no label cannot become a series"));
    }

    @Test
    void authorizationAuthenticationCacheAndIndexSeries() throws Exception {
        sink.authorization("sales", true);
        sink.authorization("sales", true);
        sink.authorization("sales", false);
        sink.authenticationFailure("SignatureDoesNotMatch");
        sink.cacheAccess("signingKey", true);
        sink.cacheAccess("signingKey", false);
        sink.indexRefresh("sales", true, Duration.ofMillis(250), 42);
        sink.indexRefresh("sales", false, Duration.ofMillis(10), -1);
        var s = scrape.samples();
        assertAll(
                () -> assertEquals(2.0, s.get(key("s3proxy_authorization_decisions_total", "table", "sales",
                        "result", "allow"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_authorization_decisions_total", "table", "sales",
                        "result", "deny"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_authentication_failures_total",
                        "reason", "SignatureDoesNotMatch"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_cache_requests_total", "cache", "signingKey",
                        "result", "hit"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_cache_requests_total", "cache", "signingKey",
                        "result", "miss"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_index_refreshes_total", "table", "sales",
                        "outcome", "success"))),
                () -> assertEquals(1.0, s.get(key("s3proxy_index_refreshes_total", "table", "sales",
                        "outcome", "error"))),
                () -> assertEquals(2.0, s.get(key("s3proxy_index_refresh_duration_seconds_count", "table", "sales"))),
                () -> assertEquals(42.0, s.get(key("s3proxy_index_version", "table", "sales")),
                        "a failed refresh keeps the last good version"));
    }

    @Test
    void inFlightGaugeFollowsStartedAndCompleted() throws Exception {
        sink.requestStarted();
        sink.requestStarted();
        assertEquals(2.0, scrape.samples().get("s3proxy_requests_in_flight"));
        sink.requestCompleted("HeadObject", 200, 0, Duration.ofMillis(2), "alice", Outcome.ANSWERED);
        assertEquals(1.0, scrape.samples().get("s3proxy_requests_in_flight"));
        sink.requestCompleted("HeadObject", 404, 0, Duration.ofMillis(2), "alice", Outcome.ANSWERED);
        assertEquals(0.0, scrape.samples().get("s3proxy_requests_in_flight"));
    }

    @Test
    void healthzIsAliveAndReadyzFollowsTheRegisteredCheck() throws Exception {
        assertEquals(200, scrape.get("/healthz", "*/*").statusCode());
        assertEquals("ok\n", scrape.get("/healthz", "*/*").body());
        var beforeWiring = scrape.get("/readyz", "*/*");
        assertEquals(503, beforeWiring.statusCode());
        assertEquals("not ready:\nstartup\n", beforeWiring.body());

        Map<String, Boolean> components = new ConcurrentHashMap<>(
                Map.of("table:sales", false, "table:trades", true, "policyStore", false));
        sink.readiness(() -> Map.copyOf(components));
        var partly = scrape.get("/readyz", "*/*");
        assertEquals(503, partly.statusCode());
        assertEquals("not ready:\npolicyStore\ntable:sales\n", partly.body());

        components.replaceAll((name, ready) -> true);
        var ready = scrape.get("/readyz", "*/*");
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", ready.body());
    }

    @Test
    void warningsFollowTheStatusOnReadyzAndNeverReachTheMetrics() throws Exception {
        String warning = "table trades: grant config:users[alice] names column 'MICC', which is not a partition column";
        sink.readiness(new proxy.api.metrics.ReadinessCheck() {
            @Override
            public Map<String, Boolean> components() {
                return Map.of("table:trades", true);
            }

            @Override
            public java.util.List<String> warnings() {
                return java.util.List.of(warning);
            }
        });
        var response = scrape.get("/readyz", "*/*");
        assertEquals(200, response.statusCode(), "a warning does not hold readiness back");
        assertEquals("ready\nwarnings:\n" + warning + "\n", response.body());
        String metrics = scrape.get("/metrics", "*/*").body();
        assertTrue(!metrics.contains("MICC") && !metrics.contains("alice"), metrics);
    }

    @Test
    void aFailingReadinessCheckIsNotReady() throws Exception {
        sink.readiness(() -> {
            throw new IllegalStateException("boom");
        });
        var response = scrape.get("/readyz", "*/*");
        assertEquals(503, response.statusCode());
        assertEquals("not ready:\nreadiness-check\n", response.body());
    }

    @Test
    void otherPathsAre404AndWritesAre405() throws Exception {
        assertEquals(404, scrape.get("/", "*/*").statusCode());
        assertEquals(404, scrape.get("/healthz/deep", "*/*").statusCode());
        var post = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + sink.port().orElseThrow() + "/readyz"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build();
        assertEquals(405, client.send(post, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void eventsWithMissingArgumentsNeverThrowAndUseAnUnknownLabel() throws Exception {
        assertDoesNotThrow(() -> {
            sink.requestCompleted(null, 0, -5, null, null, null);
            sink.backendCall(null, false, Duration.ofSeconds(-1));
            sink.authorization(null, false);
            sink.authenticationFailure("");
            sink.cacheAccess(null, true);
            sink.indexRefresh(null, true, null, 3);
        });
        var s = scrape.samples();
        assertEquals(1.0, s.get(key("s3proxy_request_duration_seconds_count", "operation", "unknown",
                "status", "other")));
        assertEquals(1.0, s.get(key("s3proxy_authentication_failures_total", "reason", "unknown")));
        assertEquals(3.0, s.get(key("s3proxy_index_version", "table", "unknown")));
    }

    @Test
    void concurrentEventsAreAllCounted() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                String user = "user" + t;
                pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        sink.requestStarted();
                        sink.requestCompleted("GetObject", 200, 10, Duration.ofMillis(1), user, Outcome.PROXIED);
                    }
                });
            }
        }
        var s = scrape.samples();
        assertAll(
                () -> assertEquals(threads * perThread, s.get("queries_served_total")),
                () -> assertEquals(threads * perThread, s.get("queries_proxied_total")),
                () -> assertEquals(threads, s.get("unique_users_last_minute")),
                () -> assertEquals(10.0, s.get("average_message_size_bytes")),
                () -> assertEquals(0.0, s.get("s3proxy_requests_in_flight")));
    }

    @Test
    void eachSinkHasItsOwnRegistry() throws Exception {
        try (var other = new PrometheusMetricsSink("127.0.0.1", 0, clock);
             var otherClient = HttpClient.newHttpClient()) {
            sink.requestCompleted("GetObject", 200, 1, Duration.ZERO, "alice", Outcome.PROXIED);
            var otherSamples = new Scrape(otherClient, other.port().orElseThrow()).samples();
            assertEquals(0.0, otherSamples.get("queries_served_total"));
            assertEquals(1.0, scrape.samples().get("queries_served_total"));
        }
    }
}
