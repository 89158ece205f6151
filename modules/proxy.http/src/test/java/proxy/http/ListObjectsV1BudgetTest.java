package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ListObjects V1 over a {@code _delta_log/} full of foreign objects (the one part of a table listed from the store):
 * every request reads at most {@link BucketWalker#MAX_STORE_PAGES} store pages, and a page that stops there names
 * no hidden key (its NextMarker is a sealed cursor), through the AWS SDK v2 client and raw requests.
 */
class ListObjectsV1BudgetTest {
    private TestServer server;
    private S3Client s3;

    @BeforeEach
    void start() {
        server = new TestServer().withListingTables();
        s3 = server.client();
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    private static final String LOG = "trades/_delta_log/";
    private static final String COMMIT = LOG + "00000000000000000000.json";

    /** Puts 25,000 foreign objects into trades' log, all sorting before its one commit. */
    private void foreignObjectsBeforeTheCommit() {
        for (int i = 0; i < 25_000; i++) {
            server.trades.put(String.format("_delta_log/.secret-%05d.tmp", i), "s");
        }
    }

    private int storeLists() {
        return (int) Stream.concat(server.trades.calls.stream(), server.trips.calls.stream())
                .filter(c -> c.startsWith("list ")).count();
    }

    /** Asserts a V1 NextMarker is a sealed cursor naming no hidden key, even once its base64url is decoded. */
    private static void assertOpaque(String marker) {
        assertTrue(marker.startsWith(ContinuationTokens.MARKER_PREFIX), marker);
        String body = marker.substring(ContinuationTokens.MARKER_PREFIX.length());
        String decoded = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.ISO_8859_1);
        assertFalse(marker.contains("secret") || decoded.contains("secret"), marker);
    }

    @Test
    void listObjectsV1ReadsAtMostTheBudgetPerRequestAndResumesFromASealedMarker() {
        foreignObjectsBeforeTheCommit();
        var seen = new ArrayList<String>();
        String marker = null;
        int requests = 0;
        for (boolean truncated = true; truncated; requests++) {
            assertTrue(requests < 20, "the listing does not end");
            String from = marker;
            server.trades.calls.clear();
            var page = s3.listObjects(b -> b.bucket("datalake").prefix(LOG).maxKeys(100).marker(from));
            assertTrue(server.trades.calls.size() <= BucketWalker.MAX_STORE_PAGES, server.trades.calls.toString());
            page.contents().forEach(o -> seen.add(o.key()));
            truncated = page.isTruncated();
            if (truncated) {
                assertEquals(List.of(), page.contents());
                assertEquals(BucketWalker.MAX_STORE_PAGES, server.trades.calls.size());
                assertOpaque(page.nextMarker());
                marker = page.nextMarker();
            }
        }
        assertEquals(List.of(COMMIT), seen);
        assertEquals(3, requests);
    }

    /** A page truncated at the budget after some entries also answers a sealed marker; nothing repeats. */
    @Test
    void sealedMarkersLeadAcrossTablesWithoutRepeats() {
        foreignObjectsBeforeTheCommit();
        var seen = new ArrayList<String>();
        String marker = null;
        int requests = 0;
        for (boolean truncated = true; truncated; requests++) {
            assertTrue(requests < 20, "the listing does not end");
            String from = marker;
            int before = storeLists();
            var page = s3.listObjects(b -> b.bucket("datalake").maxKeys(100).marker(from));
            assertTrue(storeLists() - before <= BucketWalker.MAX_STORE_PAGES);
            page.contents().forEach(o -> seen.add(o.key()));
            truncated = page.isTruncated();
            if (truncated) {
                marker = page.nextMarker() != null ? page.nextMarker() : page.contents().getLast().key();
                if (page.contents().isEmpty()) {
                    assertOpaque(page.nextMarker());
                }
            }
        }
        assertEquals(List.of(COMMIT, "trades/date=2024-01-01/part-0.parquet",
                "trades/date=2024-01-02/part-0.parquet", "trades/with space+plus%/é.parquet",
                "trips/z-visible.parquet"), seen);
        assertEquals(3, requests);
    }

    /**
     * A budget spent before a table's log was read at all (ten tables' logs of foreign objects) still ends the page
     * with a cursor that resumes at that table, so no table is skipped.
     */
    @Test
    void aBudgetSpentOnEarlierTablesResumesAtTheNextTable() {
        var stores = new java.util.LinkedHashMap<String, proxy.api.Table>();
        var seen = new ArrayList<String>();
        for (int t = 0; t < 12; t++) {
            FakeStore store = new FakeStore().put("_delta_log/.hidden.tmp", "x");
            if (t == 11) {
                store.put("_delta_log/00000000000000000000.json", "{}");
            }
            String alias = String.format("t%02d", t);
            stores.put(alias, new proxy.api.Table(alias, store, new FakeIndex(store)));
        }
        var walker = new BucketWalker(new TableDirectory(stores, new TestAuthorizer()));
        var tester = new proxy.api.auth.Principal("tester", "AKID");
        java.util.Optional<String> after = java.util.Optional.empty();
        int pages = 0;
        for (boolean more = true; more; pages++) {
            assertTrue(pages < 5, "the listing does not end");
            ListingResult page = walker.walk(tester, new BucketWalker.Walk("", java.util.Optional.empty(), after,
                    1000));
            page.objects().forEach(o -> seen.add(o.key()));
            more = page.next().isPresent();
            after = page.next().map(ListCursor::after);
        }
        assertEquals(List.of("t11/_delta_log/00000000000000000000.json"), seen);
        assertEquals(2, pages);
    }

    @Test
    void aTamperedOrForeignSealedMarkerIsInvalidArgument() throws Exception {
        foreignObjectsBeforeTheCommit();
        String marker = s3.listObjects(b -> b.bucket("datalake").prefix(LOG).maxKeys(100)).nextMarker();
        String tampered = ContinuationTokensTest.tamper(marker, ContinuationTokens.MARKER_PREFIX.length() + 20);
        var requests = List.<Consumer<ListObjectsRequest.Builder>>of(
                b -> b.prefix(LOG).marker(tampered),
                b -> b.prefix(LOG + ".").marker(marker),
                b -> b.prefix(LOG).delimiter("/").marker(marker),
                b -> b.prefix("trades/").marker(marker));
        for (var request : requests) {
            var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                    () -> s3.listObjects(b -> request.accept(b.bucket("datalake").maxKeys(100))));
            assertEquals(400, e.statusCode());
            assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        }
        String target = "/datalake?prefix=" + LOG + "&max-keys=100&marker="
                + URLEncoder.encode(marker, StandardCharsets.UTF_8);
        var foreign = server.raw("GET", target, "x-test-principal: mallory");
        assertEquals(400, foreign.status());
        assertTrue(foreign.text().contains("<Code>InvalidArgument</Code>"), foreign.text());
        var own = server.raw("GET", target);
        assertEquals(200, own.status());
        assertTrue(own.text().contains("<Marker>" + marker + "</Marker>"), own.text());
    }

    /** With encoding-type=url the sealed marker is sent URL-encoded, as every value; decoded, it resumes. */
    @Test
    void aSealedMarkerRoundTripsThroughUrlEncoding() throws Exception {
        foreignObjectsBeforeTheCommit();
        String first = server.raw("GET", "/datalake?prefix=" + LOG + "&max-keys=100&encoding-type=url").text();
        var matcher = Pattern.compile("<NextMarker>([^<]*)</NextMarker>").matcher(first);
        assertTrue(matcher.find(), first);
        assertTrue(matcher.group(1).startsWith("%7Ecursor."), matcher.group(1));
        String marker = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
        assertOpaque(marker);
        var next = server.raw("GET", "/datalake?prefix=" + LOG + "&max-keys=100&encoding-type=url&marker="
                + URLEncoder.encode(marker, StandardCharsets.UTF_8));
        assertEquals(200, next.status(), next.text());
        assertTrue(next.text().contains("<IsTruncated>true</IsTruncated>"), next.text());
        assertTrue(next.text().contains("<Marker>" + matcher.group(1) + "</Marker>"), next.text());
        assertFalse(next.text().contains("<NextMarker>" + matcher.group(1) + "</NextMarker>"), next.text());
    }

    @Test
    void anOrdinaryMarkerIsStillAKeyToStartAfter() {
        foreignObjectsBeforeTheCommit();
        var near = s3.listObjects(b -> b.bucket("datalake").prefix(LOG).marker(LOG + ".secret-24990.tmp"));
        assertEquals(List.of(COMMIT), near.contents().stream().map(S3Object::key).toList());
        assertFalse(near.isTruncated());
        var afterTrades = s3.listObjects(b -> b.bucket("datalake").maxKeys(3).marker("trades/date=2024-01-01"));
        assertEquals(List.of("trades/date=2024-01-01/part-0.parquet", "trades/date=2024-01-02/part-0.parquet",
                "trades/with space+plus%/é.parquet"), afterTrades.contents().stream().map(S3Object::key).toList());
        assertTrue(afterTrades.isTruncated());
        for (String pastEverything : List.of("~", "~cursor", "~other.abc")) {
            var empty = s3.listObjects(b -> b.bucket("datalake").marker(pastEverything));
            assertEquals(List.of(), empty.contents());
            assertFalse(empty.isTruncated());
        }
    }
}
