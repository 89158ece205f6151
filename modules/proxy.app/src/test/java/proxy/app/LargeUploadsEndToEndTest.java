package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.api.config.WriteConfig;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Multipart uploads and aws-chunked bodies end to end, on the {@code file} store and on S3Proxy: the AWS SDK v2 with its defaults
 * (chunked encoding and flexible checksums on: over HTTP a signed aws-chunked body with a signed CRC32 trailer), and
 * bodies the SDK's own signer encodes, sent on a raw socket as they are or with one byte changed. A body whose chunk
 * signature or checksum does not match is refused and nothing is written. A multipart upload above 5 MiB is
 * completed, committed and read; another writer of the same partition can neither see nor complete it.
 */
class LargeUploadsEndToEndTest {
    private static final String ALICE_KEY = "AKIACHUNKEDALICE0001";
    private static final String ALICE_SECRET = "alice-chunked-secret";

    static TradesOnBothStores stores;
    static S3TestServer backend;
    static RunningProxy proxy;
    static Path fsTable;
    static S3Client alice;
    static S3Client carol;
    static S3Client reader;

    @BeforeAll
    static void start() throws IOException {
        stores = TradesOnBothStores.start("chunked-e2e");
        fsTable = stores.fsTable();
        backend = stores.backend();
        Map<String, List<PartitionSpec>> xlon = Map.of("fs", List.of(new PartitionSpec(Map.of("MIC", "XLON"))),
                "s3", List.of(new PartitionSpec(Map.of("MIC", "XLON"))));
        proxy = new RunningProxy(ProxyConfig.defaults(Map.of("fs", fsTable.toUri(), "s3",
                        URI.create("s3://lake/t/trades"))).toBuilder()
                .metricsPort(OptionalInt.of(0))
                .getMode(GetMode.PROXY)
                .users(List.of(new UserConfig("alice", ALICE_KEY, new Secret(ALICE_SECRET), Map.of(), xlon),
                        new UserConfig("carol", "AKIACHUNKEDCAROL0001", new Secret("carol-secret"), Map.of(), xlon),
                        new UserConfig("reader", "AKIACHUNKEDREADER001", new Secret("reader-secret"), xlon)))
                .readOnly(false)
                .writes(new WriteConfig(Optional.of(new Secret("chunked-e2e-provenance-key-0123456789")), 8 << 20,
                        64 * 1024))
                .s3(new S3BackendConfig(Optional.of(backend.endpoint()), "us-east-1", true))
                .build());
        alice = defaultClient(ALICE_KEY, ALICE_SECRET);
        carol = defaultClient("AKIACHUNKEDCAROL0001", "carol-secret");
        reader = proxy.client("AKIACHUNKEDREADER001", "reader-secret");
    }

    /** An SDK client with the SDK's defaults: aws-chunked bodies and flexible checksums. */
    private static S3Client defaultClient(String accessKey, String secret) {
        return S3Client.builder()
                .endpointOverride(proxy.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        carol.close();
        alice.close();
        reader.close();
        proxy.close();
        stores.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void theSdkDefaultClientUploadsAndCommitsWithChunkedBodiesAndChecksums(String table) {
        String key = newKey();
        byte[] data = randomBytes(300 * 1024 + 17);
        alice.putObject(b -> b.bucket("datalake").key(table + "/" + key), RequestBody.fromBytes(data));
        commitAndRead(table, key, data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aMultipartUploadAbove5MiBIsCompletedCommittedAndRead(String table) {
        String key = newKey();
        byte[] first = randomBytes(5 * 1024 * 1024);
        byte[] second = randomBytes(1024 * 1024 + 7);
        String id = alice.createMultipartUpload(b -> b.bucket("datalake").key(table + "/" + key)).uploadId();
        String tag1 = part(alice, table, key, id, 1, first);
        String tag2 = part(alice, table, key, id, 2, second);
        assertEquals(List.of(1, 2), alice.listParts(b -> b.bucket("datalake").key(table + "/" + key).uploadId(id))
                .parts().stream().map(p -> p.partNumber()).toList());
        alice.completeMultipartUpload(b -> b.bucket("datalake").key(table + "/" + key).uploadId(id)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(tag1), p -> p.partNumber(2).eTag(tag2))));
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        commitAndRead(table, key, whole);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void anUploadIsVisibleToAndCompletableByItsInitiatorOnly(String table) {
        String key = newKey();
        String id = alice.createMultipartUpload(b -> b.bucket("datalake").key(table + "/" + key)).uploadId();
        String tag = part(alice, table, key, id, 1, randomBytes(1000));
        assertEquals(403, status(() -> carol.listParts(b -> b.bucket("datalake").key(table + "/" + key)
                .uploadId(id))));
        assertEquals(403, status(() -> part(carol, table, key, id, 2, randomBytes(10))));
        assertEquals(403, status(() -> carol.completeMultipartUpload(b -> b.bucket("datalake")
                .key(table + "/" + key).uploadId(id).multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(tag))))));
        assertEquals(403, status(() -> carol.abortMultipartUpload(b -> b.bucket("datalake").key(table + "/" + key)
                .uploadId(id))));
        assertFalse(stored(table, key));
        assertEquals(1, alice.listParts(b -> b.bucket("datalake").key(table + "/" + key).uploadId(id)).parts()
                .size(), "carol's part was not stored");
        alice.abortMultipartUpload(b -> b.bucket("datalake").key(table + "/" + key).uploadId(id));
        if (table.equals("fs")) {
            assertEquals(404, status(() -> alice.listParts(b -> b.bucket("datalake").key(table + "/" + key)
                    .uploadId(id))));
        } else {
            // S3Proxy lists no parts of an aborted upload where AWS answers NoSuchUpload
            assertEquals(0, alice.listParts(b -> b.bucket("datalake").key(table + "/" + key).uploadId(id)).parts()
                    .size());
        }
        assertFalse(stored(table, key));
    }

    private static String part(S3Client client, String table, String key, String id, int number, byte[] data) {
        return client.uploadPart(b -> b.bucket("datalake").key(table + "/" + key).uploadId(id).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            return e.statusCode();
        }
    }

    /** Commits an uploaded file as alice and reads it back as the reader of its partition. */
    private static void commitAndRead(String table, String key, byte[] data) {
        long version = proxy.indexVersion(table);
        String commit = "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"WRITE\"}}\n"
                + "{\"add\":{\"path\":\"" + key + "\",\"partitionValues\":{\"MIC\":\"XLON\",\"date\":\"2024-05-01\"},"
                + "\"size\":" + data.length + ",\"modificationTime\":1,\"dataChange\":true}}\n";
        alice.putObject(b -> b.bucket("datalake").key(table + "/_delta_log/" + String.format("%020d.json",
                version + 1)), RequestBody.fromString(commit));
        assertArrayEquals(data, reader.getObjectAsBytes(b -> b.bucket("datalake").key(table + "/" + key))
                .asByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aChangedByteInASignedChunkIsRefusedAndNothingIsWritten(String table) throws IOException {
        String key = newKey();
        byte[] data = randomBytes(200 * 1024);
        Raw signed = encode(table, key, data, true);
        assertEquals(200, send(signed).status());
        String other = newKey();
        Raw tampered = encode(table, other, data, true);
        tampered.body()[tampered.body().length / 2] ^= 1;
        Answer answer = send(tampered);
        assertEquals(403, answer.status());
        assertTrue(answer.body().contains("<Code>SignatureDoesNotMatch</Code>"), answer.body());
        assertTrue(stored(table, key));
        assertFalse(stored(table, other));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void anUnsignedChunkedBodyIsCheckedByItsTrailingChecksum(String table) throws IOException {
        String key = newKey();
        byte[] data = randomBytes(150 * 1024);
        assertEquals(200, send(encode(table, key, data, false)).status());
        String other = newKey();
        Raw tampered = encode(table, other, data, false);
        tampered.body()[tampered.body().length / 2] ^= 1;
        Answer answer = send(tampered);
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.body().contains("<Code>BadDigest</Code>"), answer.body());
        assertTrue(stored(table, key));
        assertFalse(stored(table, other));
    }

    /**
     * A PUT request encoded and signed by the SDK's signer: aws-chunked, CRC32 trailer, chunks signed or not (the
     * signer signs chunks whatever it is told over plain HTTP, so an unsigned body is signed as for HTTPS).
     */
    private static Raw encode(String table, String key, byte[] data, boolean signChunks) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create(proxy.endpoint() + "/datalake/" + table + "/" + key))
                .protocol(signChunks ? "http" : "https")
                .putHeader("Content-Length", Integer.toString(data.length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ALICE_KEY, ALICE_SECRET))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(data))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signChunks)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        assertEquals(signChunks ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        byte[] body;
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        var head = new StringBuilder("PUT " + signed.request().encodedPath() + " HTTP/1.1\r\n");
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
            }
        });
        if (signed.request().firstMatchingHeader("Host").isEmpty()) {
            head.append("Host: ").append(request.host()).append(':').append(request.port()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return new Raw(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static Answer send(Raw raw) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.endpoint().getPort()), 5_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(raw.head());
            try {
                socket.getOutputStream().write(raw.body());
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the proxy may answer and close before the whole body is sent
            }
            var response = RawHttp.read(socket.getInputStream(), false);
            return new Answer(response.status(), response.text());
        }
    }

    private static boolean stored(String table, String key) {
        if (table.equals("fs")) {
            return Files.exists(fsTable.resolve(key));
        }
        return backend.client().listObjectsV2(b -> b.bucket("lake").prefix("t/trades/" + key)).keyCount() > 0;
    }

    private static String newKey() {
        return "MIC=XLON/date=2024-05-01/" + UUID.randomUUID() + "-000.parquet";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    private record Raw(byte[] head, byte[] body) {
    }

    private record Answer(int status, String body) {
    }
}
