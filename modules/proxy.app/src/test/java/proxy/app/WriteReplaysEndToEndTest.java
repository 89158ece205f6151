package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.config.AuditConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.api.config.WriteConfig;
import proxy.app.FaultyBackend.Fault;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Answers to writes are never lost, and a write retried after a lost answer is safe: the proxy on the {@code file}
 * store ({@code fs}) and on S3Proxy behind a {@link FaultyBackend} ({@code s3}, passing everything unless a test
 * sets a fault), the AWS SDK v2 as client with no retries, so every attempt's answer must reach it. Alice and bob
 * both write MIC=XLON.
 */
class WriteReplaysEndToEndTest {
    private static final String ALICE = "AKIAREPLAYALICE00001";
    private static final String BOB = "AKIAREPLAYBOB0000001";

    static TradesOnBothStores stores;
    static S3TestServer backend;
    static FaultyBackend faulty;
    static RunningProxy proxy;
    static Path fsTable;
    static S3Client alice;
    static S3Client bob;

    @BeforeAll
    static void start() throws IOException {
        stores = TradesOnBothStores.start("write-replays");
        fsTable = stores.fsTable();
        backend = stores.backend();
        faulty = new FaultyBackend(backend.endpoint());
        proxy = new RunningProxy(config());
        alice = proxy.writerWithoutRetries(ALICE, "alice-replay-secret");
        bob = proxy.writerWithoutRetries(BOB, "bob-replay-secret");
    }

    @AfterAll
    static void stop() throws IOException {
        alice.close();
        bob.close();
        proxy.close();
        faulty.close();
        stores.close();
    }

    private static ProxyConfig config() {
        var xlon = List.of(new PartitionSpec(Map.of("MIC", "XLON")));
        Map<String, List<PartitionSpec>> grants = Map.of("fs", xlon, "s3", xlon);
        var users = List.of(new UserConfig("alice", ALICE, new Secret("alice-replay-secret"), Map.of(), grants),
                new UserConfig("bob", BOB, new Secret("bob-replay-secret"), Map.of(), grants));
        return ProxyConfig.defaults(Map.of("fs", fsTable.toUri(), "s3", URI.create("s3://lake/t/trades")))
                .toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .users(users)
                .readOnly(false)
                .writes(new WriteConfig(Optional.of(new Secret("write-replays-provenance-key-0123456789")), 1 << 20,
                        64 * 1024))
                .s3(new S3BackendConfig(Optional.of(faulty.endpoint()), "us-east-1", true))
                .audit(new AuditConfig("off"))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void everyWriteThroughTheGuardGetsItsAnswer(String table) throws Exception {
        int threads = 4;
        int writes = 60;
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < writes; i++) {
                        try {
                            put(alice, table, newKey(), randomBytes(100 + i));
                            alice.getObjectAsBytes(b -> b.bucket("datalake").key(table + "/" + commitKey(0)));
                        } catch (RuntimeException e) {
                            failures.add(stackTrace(e));
                        }
                    }
                });
            }
        }
        assertEquals(List.of(), failures.stream().limit(2).toList(), failures.size() + " of " + threads * writes
                + " writes lost their answer");
    }

    @Test
    void aWriteWhoseBackendAnswerWasLostIsRetriedByTheProxyAndAnswered() {
        String key = newKey();
        byte[] data = randomBytes(777);
        faulty.fault(Fault.LOSE_FIRST_WRITE_ANSWER);
        try {
            String etag = put(alice, "s3", key, data);
            assertEquals(1, faulty.faulted(), "the backend wrote the first attempt and its answer was lost");
            assertArrayEquals(data, backendBytes("s3", key));
            assertEquals(etag, put(alice, "s3", key, data), "a replay of the write is answered alike");
        } finally {
            faulty.fault(Fault.PASS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aReplayedPutOfTheSameBytesByItsWriterIsAnsweredAsWrittenAndNothingElseIs(String table) {
        String key = newKey();
        byte[] data = randomBytes(1500);
        String etag = put(alice, table, key, data);
        assertEquals(etag, put(alice, table, key, data));
        assertEquals(412, status(() -> put(alice, table, key, randomBytes(1501))), "other bytes");
        byte[] sameLength = data.clone();
        sameLength[0]++;
        assertEquals(412, status(() -> put(alice, table, key, sameLength)), "other bytes of the same length");
        assertEquals(412, status(() -> put(bob, table, key, data)), "the same bytes from another writer");
        assertArrayEquals(data, backendBytes(table, key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aReplayedCommitOfTheSameBytesByItsWriterIsAnsweredAsWrittenAndNothingElseIs(String table) {
        long version = latestVersion(table);
        String key = newKey();
        put(alice, table, key, randomBytes(10));
        byte[] commit = bytes(commitInfo(table + key) + add(key));
        String etag = put(alice, table, commitKey(version + 1), commit);
        assertEquals(etag, put(alice, table, commitKey(version + 1), commit));
        assertEquals(412, status(() -> put(bob, table, commitKey(version + 1), commit)),
                "the same bytes from another writer");
        assertEquals(412, status(() -> put(alice, table, commitKey(version + 1),
                bytes(commitInfo(table + key + "x") + add(key)))), "another commit of the same version");
        assertEquals(version + 1, latestVersion(table), "committed once");
        assertArrayEquals(commit, backendBytes(table, commitKey(version + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aReplayedCompletionOfTheSameUploadAndPartsIsAnsweredAsCompletedAndNothingElseIs(String table) {
        String key = newKey();
        byte[] data = randomBytes(3000);
        String uploadId = UploadSteps.createUpload(alice, table, key);
        String part = UploadSteps.uploadPart(alice, table, key, uploadId, data);
        String etag = UploadSteps.completeUpload(alice, table, key, uploadId, part);
        assertEquals(etag, UploadSteps.completeUpload(alice, table, key, uploadId, part), "a replay");
        int otherParts = status(() -> UploadSteps.completeUpload(alice, table, key, uploadId,
                "\"0123456789abcdef0123456789abcdef\""));
        assertTrue(otherParts == 404 || otherParts == 400, "a replay naming other parts: NoSuchUpload or InvalidPart"
                + " (S3Proxy lists a completed upload's parts as none), not " + otherParts);
        String second = UploadSteps.createUpload(alice, table, key);
        String secondPart = UploadSteps.uploadPart(alice, table, key, second, data);
        assertEquals(412, status(() -> UploadSteps.completeUpload(alice, table, key, second, secondPart)),
                "another upload of the same bytes into the key");
        assertArrayEquals(data, backendBytes(table, key));
    }

    @Test
    void aCompletionWhoseBackendAnswerWasLostIsRetriedByTheProxyAndAnswered() {
        String key = newKey();
        byte[] data = randomBytes(2000);
        String uploadId = UploadSteps.createUpload(alice, "s3", key);
        String part = UploadSteps.uploadPart(alice, "s3", key, uploadId, data);
        faulty.fault(Fault.LOSE_FIRST_WRITE_ANSWER);
        try {
            String etag = UploadSteps.completeUpload(alice, "s3", key, uploadId, part);
            assertEquals(1, faulty.faulted(), "the backend completed the first attempt and its answer was lost");
            assertArrayEquals(data, backendBytes("s3", key));
            assertEquals(etag, UploadSteps.completeUpload(alice, "s3", key, uploadId, part), "a replay is answered alike");
        } finally {
            faulty.fault(Fault.PASS);
        }
    }

    /**
     * A write refused before its body is read (here: another partition) with a body larger than the socket buffers:
     * without draining it first, the connection was reset under the client while it was still sending, so it saw
     * "Error writing request body to server" (and retried) instead of the 403 (10 of 10 attempts).
     */
    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aWriteRefusedBeforeItsLargeBodyWasReadStillGetsItsAnswer(String table) {
        byte[] large = randomBytes(12 << 20);
        for (int i = 0; i < 3; i++) {
            assertEquals(403, status(() -> put(alice, table, "MIC=XETR/date=2024-09-01/" + UUID.randomUUID()
                    + ".parquet", large)));
        }
    }

    private static String put(S3Client client, String table, String key, byte[] data) {
        return client.putObject(b -> b.bucket("datalake").key(table + "/" + key), RequestBody.fromBytes(data))
                .eTag();
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            return e.statusCode();
        }
        return 200;
    }

    private static byte[] backendBytes(String table, String key) {
        if (table.equals("fs")) {
            try {
                return Files.readAllBytes(fsTable.resolve(key));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return backend.client().getObjectAsBytes(b -> b.bucket("lake").key("t/trades/" + key)).asByteArray();
    }

    private static long latestVersion(String table) {
        Stream<String> keys;
        if (table.equals("fs")) {
            try (Stream<Path> files = Files.list(fsTable.resolve("_delta_log"))) {
                keys = files.map(p -> "_delta_log/" + p.getFileName()).toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            keys = backend.client().listObjectsV2Paginator(b -> b.bucket("lake").prefix("t/trades/_delta_log/"))
                    .contents().stream().map(o -> o.key().substring("t/trades/".length()));
        }
        return keys.filter(k -> k.matches("_delta_log/\\d{20}\\.json"))
                .mapToLong(k -> Long.parseLong(k.substring(11, 31))).max().orElseThrow();
    }

    private static String newKey() {
        return "MIC=XLON/date=2024-09-01/" + UUID.randomUUID() + "-000.parquet";
    }

    private static String commitKey(long version) {
        return "_delta_log/" + String.format("%020d.json", version);
    }

    private static String commitInfo(String id) {
        return "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"WRITE\",\"txnId\":\"" + id + "\"}}\n";
    }

    private static String add(String path) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"MIC\":\"XLON\",\"date\":"
                + "\"2024-09-01\"},\"size\":10,\"modificationTime\":1,\"dataChange\":true}}\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        new java.util.Random(n).nextBytes(out);
        return out;
    }

    private static String stackTrace(Throwable e) {
        var text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
