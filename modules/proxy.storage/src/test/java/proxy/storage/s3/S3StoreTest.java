package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proxy.api.ProviderContext;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.StoreContext;
import proxy.storage.ObjectStoreContract;
import proxy.storage.StoreFixture;
import proxy.testkit.S3Backend;
import proxy.testkit.S3Backends;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;

/** The store contract against a real S3 server (S3Proxy in-process), plus what only the s3 store does. */
class S3StoreTest extends ObjectStoreContract {

    static final String BUCKET = "lake";
    static final URI ROOT = URI.create("s3://lake/tables/t1");

    private S3Backend backend;
    private ObjectStore store;
    private final List<String> backendCalls = new CopyOnWriteArrayList<>();

    /** The server to test against; a subclass runs the same tests on another. */
    protected S3Backend startBackend() {
        return S3Backends.startS3Proxy();
    }

    @BeforeAll
    void openStore() throws IOException {
        backend = startBackend();
        backend.createBucket(BUCKET);
        Path dir = Files.createTempDirectory("s3store-fixture");
        StoreFixture.write(dir);
        backend.uploadDirectory(dir, BUCKET, "tables/t1/");
        backend.client().putObject(p -> p.bucket(BUCKET).key("tables/t1x.txt"), RequestBody.fromString("decoy"));
        backend.client().putObject(p -> p.bucket(BUCKET).key("tables/t10/a.txt"), RequestBody.fromString("decoy"));
        store = open(ROOT, backend.endpoint(), backend.secretKey(), recordingMetrics());
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    private ObjectStore open(URI root, URI endpoint, String secret, ProxyMetrics metrics) {
        var provider = new S3StoreProvider(() -> StaticCredentialsProvider.create(
                AwsBasicCredentials.create(backend.accessKey(), secret)));
        ProxyConfig config = ProxyConfig.defaults(Map.of("t", root)).toBuilder()
                .s3(new S3BackendConfig(Optional.of(endpoint), backend.region(), true)).build();
        return provider.create(new StoreContext("t", root, new ProviderContext(config, Clock.systemUTC(), metrics)));
    }

    private ProxyMetrics recordingMetrics() {
        return new ProxyMetrics() {
            @Override
            public void backendCall(String operation, boolean success, Duration latency) {
                backendCalls.add(operation + ":" + success);
            }
        };
    }

    @Test
    void presignedUrlServesTheObjectWholeAndRanged() throws IOException {
        URI url = store.presignGet(StoreFixture.BIG, Duration.ofMinutes(5)).orElseThrow();
        byte[] expected = StoreFixture.objects().get(StoreFixture.BIG);

        assertArrayEquals(expected, fetch(url, null, 200));
        assertArrayEquals(Arrays.copyOfRange(expected, 100, 200), fetch(url, "bytes=100-199", 206));
    }

    @Test
    void presignedUrlOfASpecialKeyServesIt() throws IOException {
        String key = "pct%20/p+q:r=s.parquet";
        URI url = store.presignGet(key, Duration.ofMinutes(5)).orElseThrow();

        assertArrayEquals(StoreFixture.objects().get(key), fetch(url, null, 200));
    }

    @Test
    void aPresignedUrlIsReusedForItsKeyOnly() throws InterruptedException {
        URI a = store.presignGet("a.txt", Duration.ofMinutes(5)).orElseThrow();
        Thread.sleep(1_100); // a new signature would carry a later X-Amz-Date
        assertEquals(a, store.presignGet("a.txt", Duration.ofMinutes(5)).orElseThrow());
        URI big = store.presignGet(StoreFixture.BIG, Duration.ofMinutes(5)).orElseThrow();
        assertTrue(big.getRawPath().endsWith("/" + StoreFixture.BIG), big.toString());
        assertTrue(a.getRawPath().endsWith("/tables/t1/a.txt"), a.toString());
    }

    @Test
    void presignedUrlStopsWorkingWhenTampered() throws IOException {
        URI url = store.presignGet("a.txt", Duration.ofMinutes(5)).orElseThrow();
        URI tampered = URI.create(url.toString().replace("a.txt", "a0.txt"));

        assertEquals(403, status(tampered));
    }

    /** A plain HTTP GET, as a client following a redirect would send it (no SDK, no signing). */
    private static byte[] fetch(URI url, String range, int expectedStatus) throws IOException {
        var connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            if (range != null) {
                connection.setRequestProperty("Range", range);
            }
            assertEquals(expectedStatus, connection.getResponseCode());
            try (var in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } finally {
            connection.disconnect();
        }
    }

    private static int status(URI url) throws IOException {
        var connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void bucketRootListsFullKeysAndKeepsSiblingsOut() {
        try (ObjectStore bucketRoot = open(URI.create("s3://lake"), backend.endpoint(), backend.secretKey(),
                ProxyMetrics.NOOP)) {
            var page = bucketRoot.list(query("tables/", "/", null, null, 100));
            assertEquals(List.of("tables/t1x.txt"), page.objects().stream().map(ObjectMeta::key).toList());
            assertEquals(List.of("tables/t1/", "tables/t10/"), page.commonPrefixes());
        }
    }

    @Test
    void backendCallsAreReportedWithTheirOutcome() {
        backendCalls.clear();
        store.head("a.txt");
        assertThrows(S3Exception.class, () -> store.head("missing"));

        assertEquals(List.of("HeadObject:true", "HeadObject:true"), backendCalls);
    }

    @Test
    void unreachableBackendIsServiceUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> calls = new CopyOnWriteArrayList<>();
        ProxyMetrics metrics = new ProxyMetrics() {
            @Override
            public void backendCall(String operation, boolean success, Duration latency) {
                calls.add(operation + ":" + success);
            }
        };
        try (ObjectStore down = open(ROOT, URI.create("http://127.0.0.1:" + port), backend.secretKey(), metrics)) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> down.get("a.txt", Optional.empty(), Conditions.NONE));
            assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, e.code());
            assertEquals(List.of("GetObject:false"), calls);
        }
    }

    @Test
    void rejectedBackendCredentialsAreAnInternalErrorThatHidesTheBackend() {
        try (ObjectStore wrong = open(ROOT, backend.endpoint(), "not-the-secret", ProxyMetrics.NOOP)) {
            S3Exception e = assertThrows(S3Exception.class, () -> wrong.list(query("", null, null, null, 10)));
            assertEquals(S3ErrorCode.INTERNAL_ERROR, e.code());
            assertEquals(S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e.getMessage());
            assertTrue(e.getCause() != null);
        }
    }

    @Test
    void rejectedCredentialsOnObjectReadsAreAnInternalErrorThatHidesTheBackend() {
        try (ObjectStore wrong = open(ROOT, backend.endpoint(), "not-the-secret", ProxyMetrics.NOOP)) {
            for (var read : List.<org.junit.jupiter.api.function.Executable>of(() -> wrong.head("a.txt"),
                    () -> wrong.get("a.txt", Optional.empty(), Conditions.NONE))) {
                S3Exception e = assertThrows(S3Exception.class, read);
                assertEquals(S3ErrorCode.INTERNAL_ERROR, e.code());
                assertEquals(S3ErrorCode.INTERNAL_ERROR.defaultMessage(), e.getMessage());
            }
        }
    }

    @Test
    void missingCredentialsFailObjectReadsClosedWithAnS3Error() {
        var provider = new S3StoreProvider(() -> () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("no credentials in the chain");
        });
        ProxyConfig config = ProxyConfig.defaults(Map.of("t", ROOT)).toBuilder()
                .s3(new S3BackendConfig(Optional.of(backend.endpoint()), backend.region(), true)).build();
        try (ObjectStore none = provider.create(new StoreContext("t", ROOT,
                new ProviderContext(config, Clock.systemUTC(), ProxyMetrics.NOOP)))) {
            for (var read : List.<org.junit.jupiter.api.function.Executable>of(() -> none.head("a.txt"),
                    () -> none.get("a.txt", Optional.empty(), Conditions.NONE),
                    () -> none.presignGet("a.txt", Duration.ofMinutes(5)))) {
                S3Exception e = assertThrows(S3Exception.class, read);
                assertEquals(S3ErrorCode.INTERNAL_ERROR, e.code());
            }
        }
    }
}
