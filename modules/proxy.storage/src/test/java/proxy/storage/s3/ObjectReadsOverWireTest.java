package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import proxy.api.config.S3BackendConfig;
import proxy.storage.s3.wire.WireClient;
import proxy.testkit.S3Backend;
import proxy.testkit.S3Backends;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Signed object reads through the lean client against a real S3 server (S3Proxy): what S3 answers arrives as it
 * was sent, and sequential reads share one connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectReadsOverWireTest {

    private static final byte[] CONTENT = content(100_000);

    private S3Backend backend;
    private SdkHttpClient http;
    private S3Client client;
    private WireClient wire;
    private ObjectRequests requests;

    @BeforeAll
    void open() {
        backend = S3Backends.startS3Proxy();
        backend.createBucket("lake");
        backend.client().putObject(p -> p.bucket("lake").key("t/a b=c.bin"), RequestBody.fromBytes(CONTENT));
        var config = new S3BackendConfig(Optional.of(backend.endpoint()), backend.region(), true);
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(backend.accessKey(), backend.secretKey()));
        http = BackendClients.http(config);
        client = BackendClients.client(config, credentials, http);
        wire = new WireClient((SSLSocketFactory) SSLSocketFactory.getDefault(), BackendClients.CONNECT_TIMEOUT,
                Duration.ofSeconds(10), 8, Duration.ofSeconds(20));
        requests = ObjectRequests.of(client, "lake", url -> ObjectTransport.wire(wire, url),
                new BackendSigner(credentials, backend.region()));
    }

    @AfterAll
    void close() throws Exception {
        requests.close();
        client.close();
        http.close();
        backend.close();
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + i / 256);
        }
        return bytes;
    }

    private ObjectRequests.Answer get(String key, Map<String, String> headers) throws IOException {
        return requests.send(SdkHttpMethod.GET, key, headers);
    }

    @Test
    void getRangedGetAndHeadServeTheObject() throws IOException {
        String etag;
        try (var answer = get("t/a b=c.bin", Map.of())) {
            assertEquals(200, answer.status());
            assertArrayEquals(CONTENT, answer.body().orElseThrow().readAllBytes());
            etag = answer.header("etag");
        }
        try (var answer = get("t/a b=c.bin", Map.of("Range", "bytes=100-199"))) {
            assertEquals(206, answer.status());
            assertEquals("bytes 100-199/" + CONTENT.length, answer.header("Content-Range"));
            assertArrayEquals(Arrays.copyOfRange(CONTENT, 100, 200), answer.body().orElseThrow().readAllBytes());
        }
        try (var answer = requests.send(SdkHttpMethod.HEAD, "t/a b=c.bin", Map.of())) {
            assertEquals(200, answer.status());
            assertEquals(String.valueOf(CONTENT.length), answer.header("content-length"));
            assertEquals(etag, answer.header("ETag"));
            assertTrue(answer.body().isEmpty());
        }
    }

    @Test
    void conditionsAndMissingKeysAnswerWithTheirStatusAndCode() throws IOException {
        String etag;
        try (var answer = requests.send(SdkHttpMethod.HEAD, "t/a b=c.bin", Map.of())) {
            etag = answer.header("ETag");
        }
        try (var answer = get("t/a b=c.bin", Map.of("If-None-Match", etag))) {
            assertEquals(304, answer.status());
            assertNull(answer.errorCode());
        }
        try (var answer = get("t/a b=c.bin", Map.of("If-Match", "\"not-the-etag\""))) {
            assertEquals(412, answer.status());
            assertEquals("PreconditionFailed", answer.errorCode());
        }
        try (var answer = get("t/missing", Map.of())) {
            assertEquals(404, answer.status());
            assertEquals("NoSuchKey", answer.errorCode());
        }
        try (var answer = requests.send(SdkHttpMethod.HEAD, "t/missing", Map.of())) {
            assertEquals(404, answer.status());
        }
    }

    @Test
    void sequentialReadsShareOneConnection() throws IOException {
        long before = wire.opened();
        for (int i = 0; i < 50; i++) {
            try (var answer = get("t/a b=c.bin", Map.of("Range", "bytes=0-4095"))) {
                assertEquals(4096, answer.body().orElseThrow().readAllBytes().length);
            }
            try (var answer = requests.send(SdkHttpMethod.HEAD, "t/a b=c.bin", Map.of())) {
                assertEquals(200, answer.status());
            }
        }
        assertTrue(wire.opened() - before <= 1, "opened " + (wire.opened() - before));
        assertEquals(0, wire.retried());
    }

    @Test
    void readsGoThroughTheSdkClientOnlyWhenAForwardProxyWouldBeUsed() {
        URI bucket = URI.create("https://lake.s3.example.net/");
        ProxySelector direct = selector(Proxy.NO_PROXY);
        ProxySelector egress = selector(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("egress", 3128)));

        assertFalse(ObjectTransport.proxied(bucket, direct, null));
        assertFalse(ObjectTransport.proxied(bucket, null, null));
        assertTrue(ObjectTransport.proxied(bucket, egress, null));
        assertTrue(ObjectTransport.proxied(bucket, direct, "egress.internal"));
    }

    private static ProxySelector selector(Proxy proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
    }
}
