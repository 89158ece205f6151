package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.core.sync.RequestBody;
import proxy.testkit.TreeCopy;

/**
 * Listings are no oracle (issue 14): a principal granted {@code trades {MIC=XLON}} gets byte-identical listing
 * XML (entries, KeyCount, IsTruncated, tokens, markers) whether the hidden {@code MIC=XPAR} folders of the table
 * hold nothing or thousands of objects, for prefix listings, {@code max-keys=1} paging, start-after and marker
 * probes and delimiters; orphans in an allowed partition and foreign files in {@code _delta_log/} never show; and a
 * listing of data keys makes no backend list call at all.
 */
class ListingOracleTest {
    private static final String KEY = "AKIACAROL0000000001";
    private static final String SECRET = "carol-secret";
    private static final Pattern TOKEN = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>");
    private static final Pattern NEXT_MARKER = Pattern.compile("<NextMarker>([^<]*)</NextMarker>");
    private static final Pattern LAST_KEY = Pattern.compile("(?s).*<Key>([^<]*)</Key>");

    @TempDir
    static Path copy;
    static S3TestServer backend;
    static RunningProxy proxy;
    static RawSigner carol = new RawSigner(KEY, SECRET);

    @BeforeAll
    static void start() throws IOException {
        Path trades = ProjectPaths.fixtureTables().resolve("trades");
        backend = new S3TestServer();
        backend.createBucket("lake");
        backend.uploadDirectory(trades, "lake", "gold/trades/");
        TreeCopy.copy(trades, copy.resolve("trades"));
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        var xlon = List.of(new PartitionSpec(Map.of("MIC", "XLON")));
        var config = ProxyConfig.defaults(Map.of("trades", URI.create("s3://lake/gold/trades"),
                        "counted", CountingStoreProvider.root(copy.resolve("trades"))))
                .toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .users(List.of(new UserConfig("carol", KEY, new Secret(SECRET),
                        Map.of("trades", xlon, "counted", xlon))))
                .s3(new S3BackendConfig(java.util.Optional.of(backend.endpoint()), "us-east-1", true))
                .build();
        proxy = new RunningProxy(config);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** The listings an attacker would send, each followed page by page to its end. */
    private static final List<String> PROBES = List.of(
            "list-type=2&prefix=trades/MIC=XPAR/date=2024-01-09/&max-keys=1",
            "list-type=2&prefix=trades/MIC=XPAR/&max-keys=1",
            "list-type=2&prefix=trades/MIC=XPAR/&delimiter=/",
            "list-type=2&prefix=trades/&max-keys=1&start-after=trades/MIC=XPAR/date=2024-01-09/m",
            "list-type=2&prefix=trades/&max-keys=1&start-after=trades/MIC=XPAR/date=2024-01-09/orphan-0500",
            "list-type=2&prefix=trades/&max-keys=2",
            "list-type=2&prefix=trades/&delimiter=/&max-keys=1",
            "list-type=2&prefix=trades/MIC=&delimiter=/&max-keys=1",
            "list-type=2&prefix=trades/MIC=X&delimiter=P",
            "list-type=2&delimiter=/",
            "list-type=2&max-keys=3",
            "prefix=trades/MIC=XPAR/date=2024-01-09/&max-keys=1",
            "prefix=trades/&marker=trades/MIC=XPAR/date=2024-01-09/m&max-keys=1",
            "prefix=trades/&delimiter=/&marker=trades/MIC=XPAR/&max-keys=1",
            "prefix=trades/MIC=XLON/&max-keys=1",
            "list-type=2&prefix=trades/_delta_log/",
            "list-type=2&prefix=trades/_delta_log/&delimiter=/");

    @Test
    void listingsAreByteIdenticalWhetherHiddenFoldersAreEmptyOrFull() throws IOException {
        List<String> before = transcript();
        var s3 = backend.client();
        var orphans = new ArrayList<String>();
        for (int i = 0; i < 1100; i++) {
            orphans.add(String.format("MIC=XPAR/date=2024-01-09/orphan-%04d.parquet", i));
        }
        for (int i = 0; i < 200; i++) {
            orphans.add(String.format("MIC=XPAR/date=2024-01-01/orphan-%04d.parquet", i));
            orphans.add(String.format("MIC=XLON/date=2024-01-01/orphan-%04d.parquet", i));
        }
        orphans.add("_delta_log/notes.txt");
        orphans.add("_delta_log/zz/inner.json");
        for (String orphan : orphans) {
            s3.putObject(b -> b.bucket("lake").key("gold/trades/" + orphan), RequestBody.fromString("x"));
        }
        List<String> after = transcript();
        long[] medians = interleavedMedianNanos("list-type=2&prefix=trades/MIC=XPAR/&max-keys=1",
                "list-type=2&prefix=trades/MIC=XQQQ/&max-keys=1");
        System.out.printf("max-keys=1 listing, median of 31 interleaved: %.2f ms for MIC=XPAR/ (%d hidden objects),"
                + " %.2f ms for MIC=XQQQ/ (nothing)%n", medians[0] / 1e6, orphans.size(), medians[1] / 1e6);
        for (int i = 0; i < PROBES.size(); i++) {
            assertEquals(before.get(i), after.get(i), PROBES.get(i));
        }
        Matcher shown = Pattern.compile("<Key>([^<]*)</Key>|<CommonPrefixes><Prefix>([^<]*)</Prefix>")
                .matcher(String.join("\n", after));
        int entries = 0;
        while (shown.find()) {
            String entry = shown.group(1) != null ? shown.group(1) : shown.group(2);
            assertFalse(entry.contains("orphan") || entry.contains("XPAR") || entry.contains("notes")
                    || entry.contains("zz"), entry);
            entries++;
        }
        assertTrue(entries > 20, "the probes show the visible entries: " + entries);
        assertTrue(after.get(14).contains("MIC=XLON/date=2024-01-01/"), after.get(14));
    }

    @Test
    void aDataListingMakesNoBackendListCall() throws IOException {
        Path table = copy.resolve("trades");
        for (int i = 0; i < 1000; i++) {
            Path orphan = table.resolve(String.format("MIC=XPAR/date=2024-01-09/orphan-%04d.parquet", i));
            Files.createDirectories(orphan.getParent());
            Files.writeString(orphan, "x");
        }
        send("list-type=2&prefix=counted/_delta_log/&max-keys=1"); // loads the index
        for (String probe : List.of("list-type=2&prefix=counted/MIC=XPAR/&max-keys=1",
                "list-type=2&prefix=counted/MIC=&delimiter=/", "list-type=2&prefix=counted/MIC=XLON/",
                "prefix=counted/M&marker=counted/MIC=XPAR/date=2024-01-09/m")) {
            CountingStoreProvider.TOUCHES.clear();
            assertEquals(200, send(probe).status(), probe);
            assertEquals(List.of(), CountingStoreProvider.byRequests(), probe);
        }
        CountingStoreProvider.TOUCHES.clear();
        send("list-type=2&prefix=counted/");
        assertTrue(CountingStoreProvider.byRequests().stream()
                .allMatch(t -> t.operation().equals("list") && t.key().equals("_delta_log/")),
                CountingStoreProvider.byRequests().toString());
    }

    @Test
    void foreignLogFilesAreNotFoundAndProtocolFilesAreServed() throws IOException {
        backend.client().putObject(b -> b.bucket("lake").key("gold/trades/_delta_log/readme.txt"),
                RequestBody.fromString("r"));
        assertEquals(404, get("/datalake/trades/_delta_log/readme.txt").status());
        assertEquals(404, get("/datalake/trades/_delta_log/.00000000000000000000.json.crc").status());
        assertEquals(200, get("/datalake/trades/_delta_log/00000000000000000000.json").status());
        assertEquals(403, get("/datalake/trades/MIC=XPAR/date=2024-01-09/orphan-0001.parquet").status());
    }

    /** The median time of each query, sent in turns (so that load and JIT affect both alike). */
    private static long[] interleavedMedianNanos(String... queries) throws IOException {
        long[][] times = new long[queries.length][31];
        for (int i = 0; i < 31; i++) {
            for (int q = 0; q < queries.length; q++) {
                long start = System.nanoTime();
                send(queries[q]);
                times[q][i] = System.nanoTime() - start;
            }
        }
        long[] medians = new long[queries.length];
        for (int q = 0; q < queries.length; q++) {
            java.util.Arrays.sort(times[q]);
            medians[q] = times[q][times[q].length / 2];
        }
        return medians;
    }

    /** Every probe's pages, concatenated per probe. */
    private static List<String> transcript() throws IOException {
        List<String> out = new ArrayList<>();
        for (String probe : PROBES) {
            out.add(follow(probe));
        }
        return out;
    }

    /** Sends a listing and follows its tokens or markers to the end (at most 50 pages). */
    private static String follow(String query) throws IOException {
        var pages = new StringBuilder();
        String next = query;
        for (int i = 0; i < 50 && next != null; i++) {
            RawHttp.Response r = send(next);
            assertEquals(200, r.status(), next + "\n" + r.text());
            String body = r.text();
            pages.append(body).append('\n');
            next = null;
            if (body.contains("<IsTruncated>true</IsTruncated>")) {
                Matcher token = TOKEN.matcher(body);
                Matcher marker = NEXT_MARKER.matcher(body);
                Matcher last = LAST_KEY.matcher(body);
                if (token.find()) {
                    next = query + "&continuation-token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
                } else if (marker.find()) {
                    next = query.replaceAll("&marker=[^&]*", "") + "&marker=" + enc(marker.group(1));
                } else if (last.find()) {
                    next = query.replaceAll("&marker=[^&]*", "") + "&marker=" + enc(last.group(1));
                }
            }
        }
        return pages.toString();
    }

    private static String enc(String xmlText) {
        return URLEncoder.encode(xmlText.replace("&amp;", "&"), StandardCharsets.UTF_8);
    }

    private static RawHttp.Response send(String query) throws IOException {
        String encoded = Stream.of(query.split("&")).map(p -> {
            int eq = p.indexOf('=');
            return eq < 0 ? p : p.substring(0, eq + 1) + URLEncoder.encode(
                    java.net.URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }).reduce((a, b) -> a + "&" + b).orElse("");
        return request("/datalake", encoded);
    }

    private static RawHttp.Response get(String path) throws IOException {
        return request(path, "");
    }

    private static RawHttp.Response request(String path, String rawQuery) throws IOException {
        int port = proxy.endpoint().getPort();
        String host = "127.0.0.1:" + port;
        String headers = carol.headerAuth("GET", path, rawQuery, host, Instant.now());
        String target = rawQuery.isEmpty() ? path : path + "?" + rawQuery;
        return RawHttp.exchange(port, ("GET " + target + " HTTP/1.1\r\n" + headers)
                .getBytes(StandardCharsets.ISO_8859_1), false);
    }

}
