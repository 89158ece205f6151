package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.Secret;
import proxy.api.config.WriteConfig;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/** GetObject and HeadObject through the AWS SDK v2 client in proxy (streaming) mode. */
class ObjectOperationsTest {
    private final byte[] big = new byte[300_000];
    private TestServer server;
    private S3Client s3;

    @BeforeEach
    void start() {
        new Random(7).nextBytes(big);
        server = new TestServer();
        server.trades.put("date=2024-01-01/part-0.parquet", big).put("date=2024-01-01/secret.parquet", "no")
                .put("_delta_log/00000000000000000000.json", "{}").put("empty.bin", new byte[0]);
        s3 = server.client();
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    private GetObjectRequest.Builder get(String key) {
        return GetObjectRequest.builder().bucket("datalake").key(key);
    }

    private static int status(Runnable call) {
        var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class, call::run);
        return e.statusCode();
    }

    private static String code(Runnable call) {
        var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class, call::run);
        return e.awsErrorDetails().errorCode();
    }

    @Test
    void getStreamsTheWholeObjectByteForByteWithS3Headers() throws InterruptedException {
        var response = s3.getObjectAsBytes(get("trades/date=2024-01-01/part-0.parquet").build());
        assertArrayEquals(big, response.asByteArray());
        assertEquals(big.length, response.response().contentLength());
        assertEquals(FakeStore.etag(big), response.response().eTag());
        assertEquals(FakeStore.MODIFIED, response.response().lastModified());
        assertEquals("bytes", response.response().acceptRanges());
        assertTrue(server.completedEventually("GetObject 200 300000 tester PROXIED"), server.completed::toString);
    }

    @Test
    void rangedGetAnswers206WithContentRange() {
        var response = s3.getObjectAsBytes(get("trades/date=2024-01-01/part-0.parquet").range("bytes=100-70099")
                .build());
        assertArrayEquals(java.util.Arrays.copyOfRange(big, 100, 70_100), response.asByteArray());
        assertEquals("bytes 100-70099/300000", response.response().contentRange());
        var suffix = s3.getObjectAsBytes(get("trades/date=2024-01-01/part-0.parquet").range("bytes=-10").build());
        assertArrayEquals(java.util.Arrays.copyOfRange(big, big.length - 10, big.length), suffix.asByteArray());
    }

    @Test
    void unsatisfiableRangeIs416InvalidRange() {
        assertEquals("InvalidRange", code(() -> s3.getObjectAsBytes(
                get("trades/date=2024-01-01/part-0.parquet").range("bytes=300000-").build())));
    }

    @Test
    void emptyObjectHasZeroLength() {
        assertEquals(0, s3.getObjectAsBytes(get("trades/empty.bin").build()).asByteArray().length);
    }

    @Test
    void headHasTheGetHeadersAndNoBody() {
        var head = s3.headObject(HeadObjectRequest.builder().bucket("datalake")
                .key("trades/date=2024-01-01/part-0.parquet").build());
        assertEquals(big.length, head.contentLength());
        assertEquals(FakeStore.etag(big), head.eTag());
        assertEquals(FakeStore.MODIFIED, head.lastModified());
        assertEquals("application/octet-stream", head.contentType());
    }

    @Test
    void conditionsAnswer304And412OnGetAndHead() {
        String key = "trades/date=2024-01-01/part-0.parquet";
        assertEquals(304, status(() -> s3.getObjectAsBytes(get(key).ifNoneMatch(FakeStore.etag(big)).build())));
        assertEquals(412, status(() -> s3.getObjectAsBytes(get(key).ifMatch("\"other\"").build())));
        assertEquals(304, status(() -> s3.getObjectAsBytes(get(key).ifModifiedSince(FakeStore.MODIFIED).build())));
        assertEquals(412, status(() -> s3.headObject(HeadObjectRequest.builder().bucket("datalake").key(key)
                .ifUnmodifiedSince(Instant.parse("2020-01-01T00:00:00Z")).build())));
        assertEquals(304, status(() -> s3.headObject(HeadObjectRequest.builder().bucket("datalake").key(key)
                .ifNoneMatch("*").build())));
        assertArrayEquals(big, s3.getObjectAsBytes(get(key).ifMatch(FakeStore.etag(big)).build()).asByteArray());
    }

    @Test
    void forbiddenKeyIsAccessDeniedWithoutTouchingTheStore() {
        assertEquals("AccessDenied", code(() -> s3.getObjectAsBytes(get("trades/date=2024-01-01/secret.parquet")
                .build())));
        assertEquals(403, status(() -> s3.headObject(HeadObjectRequest.builder().bucket("datalake")
                .key("trades/date=2024-01-01/secret.parquet").build())));
        assertEquals(List.of(), server.trades.calls);
    }

    @Test
    void unknownAndInvisibleAliasesLookLikeForbiddenKeys() {
        server.hidden.put("a.parquet", "x");
        assertEquals("AccessDenied", code(() -> s3.getObjectAsBytes(get("nosuchtable/a.parquet").build())));
        assertEquals("AccessDenied", code(() -> s3.getObjectAsBytes(get("hidden_t/a.parquet").build())));
        assertEquals(List.of(), server.hidden.calls);
    }

    @Test
    void missingReadableKeyIsNoSuchKey() {
        assertEquals("NoSuchKey", code(() -> s3.getObjectAsBytes(get("trades/nope.parquet").build())));
        assertEquals(404, status(() -> s3.headObject(HeadObjectRequest.builder().bucket("datalake")
                .key("trades/nope.parquet").build())));
    }

    @Test
    void theAliasItselfAndDirectoryKeysAreNoSuchKeyForEveryAlias() {
        assertEquals("NoSuchKey", code(() -> s3.getObjectAsBytes(get("trades").build())));
        assertEquals("NoSuchKey", code(() -> s3.getObjectAsBytes(get("nosuchtable").build())));
        assertEquals(404, status(() -> s3.headObject(HeadObjectRequest.builder().bucket("datalake")
                .key("trades/date=2024-01-01/").build())));
        assertEquals(List.of(), server.trades.calls);
    }

    @Test
    void backendErrorsPassThroughAndOtherFailuresAreInternalErrors() {
        server.trades.failWith(new S3Exception(S3ErrorCode.SLOW_DOWN));
        assertEquals("SlowDown", code(() -> s3.getObjectAsBytes(get("trades/empty.bin").build())));
        server.trades.failWith(new IllegalStateException("secret backend detail"));
        var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> s3.getObjectAsBytes(get("trades/empty.bin").build()));
        assertEquals(500, e.statusCode());
        assertEquals("InternalError", e.awsErrorDetails().errorCode());
        assertNotNull(e.requestId());
        assertTrue(!e.getMessage().contains("secret backend detail"));
    }

    @Test
    void anErrorInTheHandlerIsAnInternalErrorAndTheServerKeepsServing() {
        server.trades.failWith(new StackOverflowError("deep recursion"));
        var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> s3.getObjectAsBytes(get("trades/empty.bin").build()));
        assertEquals(500, e.statusCode());
        assertEquals("InternalError", e.awsErrorDetails().errorCode());
        assertNotNull(e.requestId());
        server.trades.failWith(null);
        assertEquals(0, s3.getObjectAsBytes(get("trades/empty.bin").build()).asByteArray().length);
    }

    @Test
    void writesAreMethodNotAllowedWhenReadOnly() {
        assertEquals("MethodNotAllowed", code(() -> s3.putObject(b -> b.bucket("datalake").key("trades/x"),
                RequestBody.fromString("data"))));
        assertEquals(405, status(() -> s3.deleteObject(b -> b.bucket("datalake").key("trades/x"))));
        assertEquals(405, status(() -> s3.deleteObjects(b -> b.bucket("datalake").delete(d -> d.objects(
                o -> o.key("trades/x"))))), "DeleteObjects");
        assertEquals(List.of(), server.trades.calls);
    }

    @Test
    void readOnlyRefusesAWriteBeforeReadingItsBody() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", server.endpoint().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("PUT /datalake/trades/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 1000000000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 405 Method Not Allowed", in.readLine(), "answered with no body byte sent");
        }
        assertEquals(List.of(), server.trades.calls);
    }

    @Test
    void writesNeedAWriteGrantWhenWritable() {
        try (var writable = new TestServer(b -> b.readOnly(false).writes(new WriteConfig(
                Optional.of(new Secret("0123456789abcdef0123456789abcdef")), 1024, 1024)));
             var client = writable.client()) {
            assertEquals("AccessDenied", code(() -> client.putObject(b -> b.bucket("datalake").key("trades/x"),
                    RequestBody.fromString("data"))));
            assertEquals("AccessDenied", code(() -> client.createMultipartUpload(
                    b -> b.bucket("datalake").key("trades/x"))));
            assertEquals(List.of(), writable.trades.calls);
        }
    }

    @Test
    void otherBucketIsNoSuchBucket() {
        assertEquals("NoSuchBucket", code(() -> s3.getObjectAsBytes(GetObjectRequest.builder().bucket("other")
                .key("trades/empty.bin").build())));
    }

    @Test
    void unsupportedSubresourceIsNotImplemented() {
        assertEquals("NotImplemented", code(() -> s3.getObjectAcl(b -> b.bucket("datalake").key("trades/empty.bin"))));
        assertEquals(501, status(() -> s3.getBucketVersioning(b -> b.bucket("datalake"))));
    }

    @Test
    void authenticationFailureIsAnsweredBeforeAnything() throws Exception {
        var response = server.raw("GET", "/datalake/trades/empty.bin", "x-test-deny: 1");
        assertEquals(403, response.status());
        assertTrue(response.text().contains("<Code>SignatureDoesNotMatch</Code>"), response.text());
        assertEquals(List.of(), server.trades.calls);
    }
}
