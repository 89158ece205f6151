package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proxy.api.config.AuditConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.app.FaultyBackend.Fault;
import proxy.app.HostileCorpus.Auth;
import proxy.app.HostileCorpus.Case;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;

/**
 * Backend faults under the wired product, {@code s3} store, streaming mode: a backend that refuses connections,
 * one that never answers (read timeout 1 s), a reset in the middle of a body, 500 and 503 SlowDown. Each answers
 * a precise S3 error (or an aborted transfer, never a complete-looking short body) after one backend attempt,
 * the proxy keeps serving afterwards, and the log names the operation but no secret.
 *
 * <p>Retry policy: an object read (HEAD, GET) is sent once; the proxy's client sees the backend's failure at
 * once and retries with its own policy (every S3 SDK retries 5xx, SlowDown and timeouts), instead of waiting
 * through the proxy's retries as well.
 */
class S3BackendFaultsTest {
    private static final String KEY = "AKIAFAULTS0000000001";
    private static final String SECRET = "faults-secret-never-logged";
    private static final AtomicInteger SURVIVED = new AtomicInteger();
    private static final List<String> SIGNATURES = new ArrayList<>();
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

    private static S3TestServer s3;
    private static FaultyBackend faulty;
    private static RunningProxy proxy;
    private static LogCapture logs;
    private static final int BIG_SIZE = 4 << 20;
    private static String dataKey;
    private static String bigKey;

    @BeforeAll
    static void start() throws IOException {
        logs = new LogCapture();
        Path trades = ProjectPaths.fixtureTables().resolve("trades");
        s3 = new S3TestServer();
        s3.createBucket("lake");
        s3.uploadDirectory(trades, "lake", "gold/trades/");
        System.setProperty("aws.accessKeyId", s3.accessKey());
        System.setProperty("aws.secretAccessKey", s3.secretKey());
        addBigFile();
        faulty = new FaultyBackend(s3.endpoint());
        proxy = new RunningProxy(config(faulty.endpoint()));
        try (Stream<Path> walk = Files.walk(trades.resolve("MIC=XLON"))) {
            dataKey = "trades/" + trades.relativize(walk.filter(p -> p.toString().endsWith(".parquet")).sorted()
                    .findFirst().orElseThrow());
        }
    }

    /**
     * A 4 MiB data file in MIC=XLON, added by a sixth commit, so that a reset mid-body happens after the proxy
     * has sent part of the body (a small file is lost in the server's buffer and the client sees no status).
     */
    private static void addBigFile() {
        var bytes = new byte[BIG_SIZE];
        new java.util.Random(7).nextBytes(bytes);
        String path = "MIC=XLON/date=2024-01-02/big-000.parquet";
        String commit = "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"date\":\"2024-01-02\","
                + "\"MIC\":\"XLON\"},\"size\":" + BIG_SIZE + ",\"modificationTime\":1795290906880,"
                + "\"dataChange\":true}}\n";
        try (var client = s3.client()) {
            client.putObject(b -> b.bucket("lake").key("gold/trades/" + path),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
            client.putObject(b -> b.bucket("lake").key("gold/trades/_delta_log/00000000000000000005.json"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString(commit));
        }
        bigKey = "trades/" + path;
    }

    static ProxyConfig config(URI backend) {
        return ProxyConfig.defaults(Map.of("trades", URI.create("s3://lake/gold/trades"))).toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .audit(new AuditConfig("off"))
                .s3(new S3BackendConfig(Optional.of(backend), "us-east-1", true, 1))
                .users(List.of(new UserConfig("faulty", KEY, new Secret(SECRET),
                        Map.of("trades", List.of(new PartitionSpec(Map.of("MIC", "XLON")))))))
                .build();
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        faulty.close();
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        var secrets = new ArrayList<>(List.of(SECRET, s3.secretKey(), s3.accessKey()));
        secrets.addAll(SIGNATURES);
        List<String> leaks = logs.leaking(secrets);
        logs.close();
        System.out.printf("s3 backend faults survived: %d; log records %d, records leaking a secret, backend"
                + " credential or signature: %d%n", SURVIVED.get(), logs.size(), leaks.size());
        assertEquals(List.of(), leaks);
    }

    /** GET of the data file through the proxy, header-signed or presigned; remembers the signature sent. */
    private static RawHttp.Response get(RunningProxy target, Auth auth, String key) throws IOException {
        int port = target.endpoint().getPort();
        String host = "127.0.0.1:" + port;
        var signer = new RawSigner(KEY, SECRET);
        String path = "/datalake/" + key;
        String head = auth == Auth.PRESIGNED
                ? "GET " + path + "?" + signer.presignedQuery("GET", path, "", host, Instant.now()) + " HTTP/1.1\r\n"
                        + "Host: " + host + "\r\n"
                : "GET " + path + " HTTP/1.1\r\n" + signer.headerAuth("GET", path, "", host, Instant.now());
        Matcher m = SIGNATURE.matcher(head);
        while (m.find()) {
            synchronized (SIGNATURES) {
                SIGNATURES.add(m.group(1));
            }
        }
        return RawHttp.exchange(port, head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false);
    }

    private static void assertError(RawHttp.Response r, int status, String code) {
        assertEquals(status, r.status(), r.text());
        assertEquals(Optional.of(code), r.code(), r.text());
        assertTrue(r.fromProxy());
    }

    /** After a fault the same proxy serves the file again (nothing stuck, no restart). */
    private static void recovers() throws IOException {
        faulty.fault(Fault.PASS);
        RawHttp.Response r = get(proxy, Auth.HEADER, dataKey);
        assertEquals(200, r.status(), r.text());
        assertTrue(r.complete());
        SURVIVED.incrementAndGet();
    }

    @Test
    void backendRefusingConnectionsIsServiceUnavailable() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (var down = new RunningProxy(config(URI.create("http://127.0.0.1:" + closed)))) {
            for (Auth auth : List.of(Auth.HEADER, Auth.PRESIGNED)) {
                assertError(get(down, auth, dataKey), 503, "ServiceUnavailable");
            }
        }
        SURVIVED.incrementAndGet();
    }

    @Test
    void backendThatNeverAnswersTimesOutAsServiceUnavailable() throws IOException {
        assertEquals(200, get(proxy, Auth.HEADER, dataKey).status(), "index loaded through the relay");
        faulty.fault(Fault.HANG);
        long start = System.nanoTime();
        assertError(get(proxy, Auth.PRESIGNED, dataKey), 503, "ServiceUnavailable");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("  hang: answered 503 after %d ms, %d backend attempts%n", millis, faulty.faulted());
        assertEquals(1, faulty.faulted(), "a timed-out read is not retried");
        assertTrue(millis < 5_000, millis + " ms");
        recovers();
    }

    @Test
    void resetInTheMiddleOfTheBodyAbortsTheTransfer() throws IOException {
        faulty.fault(Fault.RESET_MID_BODY);
        int aborted = 0;
        for (Auth auth : List.of(Auth.HEADER, Auth.PRESIGNED)) {
            RawHttp.Response r;
            try {
                r = get(proxy, auth, bigKey);
            } catch (IOException closedBeforeAnyByte) {
                aborted++;
                continue;
            }
            long declared = r.header("content-length").map(Long::parseLong).orElse(-1L);
            System.out.printf("  reset: status %d, declared %d bytes, received %d, complete %b%n", r.status(),
                    declared, r.body().length, r.complete());
            assertEquals(200, r.status());
            assertEquals(BIG_SIZE, declared);
            assertFalse(r.complete(), "a short body must never look complete");
            assertTrue(r.body().length < BIG_SIZE, r.body().length + " bytes");
        }
        System.out.printf("  reset: %d of 2 transfers closed before the status line%n", aborted);
        assertEquals(0, aborted, "the 4 MiB body is cut after its status was sent");
        assertEquals(2, faulty.faulted(), "a body failure is not retried");
        recovers();
    }

    @Test
    void backend500IsInternalErrorAtOnce() throws IOException {
        faulty.fault(Fault.STATUS_500);
        assertError(get(proxy, Auth.HEADER, dataKey), 500, "InternalError");
        System.out.printf("  500: %d backend attempts%n", faulty.faulted());
        assertEquals(1, faulty.faulted(), "attempts");
        recovers();
    }

    @Test
    void backendSlowDownIsSlowDownAtOnce() throws IOException {
        faulty.fault(Fault.SLOW_DOWN);
        assertError(get(proxy, Auth.PRESIGNED, dataKey), 503, "SlowDown");
        System.out.printf("  503 SlowDown: %d backend attempts%n", faulty.faulted());
        assertEquals(1, faulty.faulted(), "attempts");
        recovers();
    }

    @Test
    void every5xxIsLoggedOnceWithItsRequestIdAndCause() throws IOException {
        record Case(Fault fault, int status, String code, String level) {
        }
        for (Case c : List.of(new Case(Fault.STATUS_500, 500, "InternalError", "SEVERE"),
                new Case(Fault.SLOW_DOWN, 503, "SlowDown", "WARNING"))) {
            faulty.fault(c.fault());
            RawHttp.Response r = get(proxy, Auth.HEADER, dataKey);
            assertError(r, c.status(), c.code());
            String requestId = r.header("x-amz-request-id").orElseThrow();
            List<String> lines = logs.containing("request " + requestId + ":");
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.getFirst().contains(c.level() + ": request " + requestId + ": " + c.status() + " " + c.code()
                    + " (GetObject): "), lines.getFirst());
            assertTrue(lines.getFirst().contains("caused by"), "the backend's answer is named: " + lines.getFirst());
        }
        recovers();
    }
}
