package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
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
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Partition-scoped writes end to end, on the {@code file} store ({@code fs}) and on S3Proxy ({@code s3}): the proxy
 * as {@code serve} wires it, the AWS SDK v2 as client. Two partial writers (alice: XLON, bob: XETR), a whole-table
 * writer and a reader; every hostile write is refused and leaves the backend byte for byte as it was.
 */
class WritesEndToEndTest {
    private static final String PROVENANCE_KEY = "writes-end-to-end-provenance-key-0123456789";
    private static final int MAX_COMMIT = 64 * 1024;

    static TradesOnBothStores stores;
    static S3TestServer backend;
    static RunningProxy proxy;
    static Path fsTable;
    static Path auditLog;
    static S3Client alice;
    static S3Client bob;
    static S3Client admin;
    static S3Client reader;

    @BeforeAll
    static void start() throws IOException {
        stores = TradesOnBothStores.start("writes-e2e");
        fsTable = stores.fsTable();
        backend = stores.backend();
        auditLog = fsTable.getParent().resolve("audit.log");
        proxy = new RunningProxy(config());
        alice = client("AKIAWRITERALICE00001", "alice-writer-secret");
        bob = client("AKIAWRITERBOB0000001", "bob-writer-secret");
        admin = client("AKIAWRITERADMIN00001", "admin-writer-secret");
        reader = client("AKIAREADERXLON000001", "reader-secret");
    }

    @AfterAll
    static void stop() {
        Stream.of(alice, bob, admin, reader).forEach(S3Client::close);
        proxy.close();
        stores.close();
    }

    static ProxyConfig config() {
        Map<String, List<PartitionSpec>> xlon = Map.of("fs", List.of(spec("XLON")), "s3", List.of(spec("XLON")));
        Map<String, List<PartitionSpec>> xetr = Map.of("fs", List.of(spec("XETR")), "s3", List.of(spec("XETR")));
        Map<String, List<PartitionSpec>> all = Map.of("fs", List.of(PartitionSpec.WHOLE_TABLE),
                "s3", List.of(PartitionSpec.WHOLE_TABLE));
        var users = List.of(
                new UserConfig("alice", "AKIAWRITERALICE00001", new Secret("alice-writer-secret"), Map.of(), xlon),
                new UserConfig("bob", "AKIAWRITERBOB0000001", new Secret("bob-writer-secret"), Map.of(), xetr),
                new UserConfig("admin", "AKIAWRITERADMIN00001", new Secret("admin-writer-secret"), Map.of(), all),
                new UserConfig("reader", "AKIAREADERXLON000001", new Secret("reader-secret"), xlon));
        return ProxyConfig.defaults(Map.of("fs", fsTable.toUri(), "s3", java.net.URI.create("s3://lake/t/trades")))
                .toBuilder()
                .metricsPort(OptionalInt.of(0))
                .getMode(GetMode.PROXY)
                .users(users)
                .readOnly(false)
                .writes(new WriteConfig(Optional.of(new Secret(PROVENANCE_KEY)), 1 << 20, MAX_COMMIT))
                .s3(new S3BackendConfig(Optional.of(backend.endpoint()), "us-east-1", true))
                .audit(new AuditConfig("file:" + auditLog))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void anAppendIsReadableByNobodyUntilItsCommitThenByTheReadersOfItsPartition(String table) {
        long version = latestVersion(table);
        String key = newKey("XLON", "2024-02-01");
        byte[] data = randomBytes(1000);
        put(alice, table, key, data);
        assertEquals("AccessDenied", code(() -> get(reader, table, key)));
        assertEquals("NoSuchKey", code(() -> get(admin, table, key)), "absent to a writer of its partition");
        String body = commitInfo() + add(key, "XLON", "2024-02-01");
        put(alice, table, commitKey(version + 1), body.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(data, get(reader, table, key));
        assertArrayEquals(data, get(admin, table, key));
        assertEquals(body, new String(state(table).containsKey(commitKey(version + 1))
                ? get(admin, table, commitKey(version + 1)) : new byte[0], StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void twoWritersRacingForOneVersionLoseNothingButTheRace(String table) {
        long version = latestVersion(table);
        String mine = newKey("XLON", "2024-02-02");
        String theirs = newKey("XETR", "2024-02-02");
        put(alice, table, mine, randomBytes(10));
        put(bob, table, theirs, randomBytes(20));
        put(alice, table, commitKey(version + 1), bytes(commitInfo() + add(mine, "XLON", "2024-02-02")));
        String bobs = commitInfo() + add(theirs, "XETR", "2024-02-02");
        assertEquals("PreconditionFailed", code(() -> put(bob, table, commitKey(version + 1), bytes(bobs))));
        put(bob, table, commitKey(version + 2), bytes(bobs));
        assertEquals(10, get(admin, table, mine).length);
        assertEquals(20, get(admin, table, theirs).length);
        assertEquals("AccessDenied", code(() -> get(reader, table, theirs)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void hostileWritesAreRefusedAndLeaveTheBackendAsItWas(String table) {
        long version = latestVersion(table);
        String uploaded = newKey("XLON", "2024-03-01");
        put(alice, table, uploaded, randomBytes(30));
        String direct = newKey("XLON", "2024-03-02");
        putDirect(table, direct, randomBytes(30), Map.of());
        String copied = newKey("XLON", "2024-03-01");
        putDirect(table, copied, randomBytes(30), metadataOf(table, uploaded));
        String xetrFile = firstKey(table, "MIC=XETR/");
        String xlonFile = firstKey(table, "MIC=XLON/");
        String xlonDate = xlonFile.substring("MIC=XLON/date=".length(), "MIC=XLON/date=".length() + 10);
        String metaData = fixtureLine(0, "metaData");
        String protocol = fixtureLine(0, "protocol");
        String validAdd = add(uploaded, "XLON", "2024-03-01");
        String pending = newKey("XLON", "2024-03-03");
        String pendingId = UploadSteps.createUpload(alice, table, pending);
        String pendingTag = UploadSteps.uploadPart(alice, table, pending, pendingId, randomBytes(100));
        String overId = UploadSteps.createUpload(alice, table, xlonFile);
        String overTag = UploadSteps.uploadPart(alice, table, xlonFile, overId, randomBytes(100));
        Map<String, String> before = state(table);
        var corpus = new LinkedHashMap<String, Supplier<String>>();
        corpus.put("a data file in another partition", () -> code(() -> put(alice, table,
                newKey("XETR", "2024-03-01"), randomBytes(5))));
        corpus.put("a data file at the table root", () -> code(() -> put(alice, table, "x.parquet", randomBytes(5))));
        corpus.put("a write by a read grant", () -> code(() -> put(reader, table, newKey("XLON", "2024-03-01"),
                randomBytes(5))));
        corpus.put("an overwrite of an existing data file", () -> code(() -> put(alice, table, xlonFile,
                randomBytes(5))));
        corpus.put("an add of another partition's file as its own", () -> commit(alice, table, version + 1,
                add(xetrFile, "XLON", "2024-01-01")));
        corpus.put("an add of another partition's file", () -> commit(alice, table, version + 1,
                add(xetrFile, "XETR", "2024-01-01")));
        corpus.put("an add of a file not uploaded through the proxy", () -> commit(alice, table, version + 1,
                add(direct, "XLON", "2024-03-02")));
        corpus.put("an add of a file carrying another upload's provenance", () -> commit(alice, table,
                version + 1, add(copied, "XLON", "2024-03-01")));
        corpus.put("an add outside the root", () -> commit(alice, table, version + 1,
                add("../other/x.parquet", "XLON", "2024-03-01")));
        corpus.put("an add of an absolute path", () -> commit(alice, table, version + 1,
                add("s3://lake/t/other/x.parquet", "XLON", "2024-03-01")));
        corpus.put("a remove of another partition's file", () -> commit(alice, table, version + 1,
                remove(xetrFile)));
        corpus.put("metaData by a partial writer", () -> commit(alice, table, version + 1, metaData));
        corpus.put("protocol by a partial writer", () -> commit(alice, table, version + 1, protocol));
        corpus.put("a commit that skips a version", () -> commit(alice, table, version + 2, validAdd));
        corpus.put("an overwrite of an existing commit", () -> commit(alice, table, version, validAdd));
        corpus.put("an oversized commit", () -> commit(alice, table, version + 1,
                commitInfo().repeat(MAX_COMMIT / commitInfo().length() + 1)));
        corpus.put("a malformed commit", () -> commit(alice, table, version + 1, "{\"add\": not json"));
        corpus.put("a checkpoint by a partial writer", () -> code(() -> put(alice, table,
                "_delta_log/" + String.format("%020d", version) + ".checkpoint.parquet", randomBytes(5))));
        corpus.put("_last_checkpoint by a partial writer", () -> code(() -> put(alice, table,
                "_delta_log/_last_checkpoint", bytes("{\"version\":0,\"size\":1}"))));
        corpus.put("a checksum by a partial writer", () -> code(() -> put(alice, table,
                "_delta_log/" + String.format("%020d", version + 1) + ".crc", bytes("{}"))));
        corpus.put("a delete of a committed file", () -> code(() -> delete(alice, table, xlonFile)));
        corpus.put("a delete of another principal's upload", () -> code(() -> delete(admin, table, uploaded)));
        corpus.put("a multipart upload in another partition", () -> code(() -> UploadSteps.createUpload(alice, table,
                newKey("XETR", "2024-03-01"))));
        corpus.put("a multipart upload of a commit", () -> code(() -> UploadSteps.createUpload(alice, table,
                commitKey(version + 1))));
        corpus.put("a multipart upload by a read grant", () -> code(() -> UploadSteps.createUpload(reader, table,
                newKey("XLON", "2024-03-01"))));
        corpus.put("a multipart completion by another principal", () -> code(() -> UploadSteps.completeUpload(admin, table,
                pending, pendingId, pendingTag)));
        corpus.put("a part upload by another principal", () -> code(() -> UploadSteps.uploadPart(admin, table, pending,
                pendingId, randomBytes(5))));
        corpus.put("a part listing by another principal", () -> code(() -> admin.listParts(b -> b
                .bucket("datalake").key(table + "/" + pending).uploadId(pendingId))));
        corpus.put("an abort by another principal", () -> code(() -> admin.abortMultipartUpload(b -> b
                .bucket("datalake").key(table + "/" + pending).uploadId(pendingId))));
        corpus.put("an upload id replayed on another key", () -> code(() -> UploadSteps.completeUpload(alice, table,
                newKey("XLON", "2024-03-03"), pendingId, pendingTag)));
        corpus.put("a forged upload id", () -> code(() -> UploadSteps.completeUpload(alice, table, pending,
                pendingId.substring(0, pendingId.indexOf('.') + 1) + "0".repeat(64), pendingTag)));
        corpus.put("a multipart completion over an existing data file", () -> code(() -> UploadSteps.completeUpload(alice,
                table, xlonFile, overId, overTag)));
        Map<String, String> expected = Map.ofEntries(
                Map.entry("an overwrite of an existing data file", "PreconditionFailed"),
                Map.entry("an overwrite of an existing commit", "PreconditionFailed"),
                Map.entry("an oversized commit", "EntityTooLarge"),
                Map.entry("a malformed commit", "InvalidArgument"),
                Map.entry("a multipart completion over an existing data file", "PreconditionFailed"));
        corpus.forEach((name, attempt) -> {
            assertEquals(expected.getOrDefault(name, "AccessDenied"), attempt.get(), name);
            assertEquals(before, state(table), name + " changed the backend");
        });
        assertEquals(xlonDate.length(), 10);
        alice.abortMultipartUpload(b -> b.bucket("datalake").key(table + "/" + pending).uploadId(pendingId));
        alice.abortMultipartUpload(b -> b.bucket("datalake").key(table + "/" + xlonFile).uploadId(overId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aNewKeyInAWritablePartitionIsAbsentToOtherWritersAndStatedToItsUploaderOnly(String table) {
        String key = newKey("XLON", "2024-07-01");
        assertEquals(404, status(() -> alice.headObject(b -> b.bucket("datalake").key(table + "/" + key))));
        byte[] data = randomBytes(10);
        put(alice, table, key, data);
        assertEquals(10, alice.headObject(b -> b.bucket("datalake").key(table + "/" + key)).contentLength(),
                "Delta states each file it wrote before committing it");
        assertEquals("NoSuchKey", code(() -> get(alice, table, key)), "its bytes stay unreadable until committed");
        assertEquals(404, status(() -> admin.headObject(b -> b.bucket("datalake").key(table + "/" + key))));
        assertEquals("NoSuchKey", code(() -> get(admin, table, key)));
        assertEquals(403, status(() -> bob.headObject(b -> b.bucket("datalake").key(table + "/" + key))));
        assertEquals(403, status(() -> reader.headObject(b -> b.bucket("datalake").key(table + "/" + key))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aWriterMayDeleteItsOwnUncommittedUploadsOnly(String table) {
        String key = newKey("XLON", "2024-04-01");
        put(alice, table, key, randomBytes(10));
        assertTrue(state(table).containsKey(key));
        alice.deleteObject(b -> b.bucket("datalake").key(table + "/" + key));
        assertFalse(state(table).containsKey(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void clientSentProvenanceMetadataIsNeverStored(String table) {
        String key = newKey("XLON", "2024-05-01");
        alice.putObject(b -> b.bucket("datalake").key(table + "/" + key).metadata(Map.of(
                "delta-proxy-writer", "Ym9i", "delta-proxy-signature", "00", "other", "x")),
                RequestBody.fromBytes(randomBytes(3)));
        Map<String, String> stored = metadataOf(table, key);
        assertEquals("YWxpY2U", stored.get("delta-proxy-writer"));
        assertNotEquals("00", stored.get("delta-proxy-signature"));
        assertFalse(stored.containsKey("other"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aWholeTableWriterMayRestateTheTablesDefinition(String table) {
        long version = latestVersion(table);
        assertEquals("AccessDenied", commit(bob, table, version + 1, fixtureLine(0, "metaData")));
        put(admin, table, commitKey(version + 1), bytes(commitInfo() + fixtureLine(0, "metaData")));
        assertEquals(version + 1, latestVersion(table));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void everyWriteIsAuditedWithItsDecisionAndBytesAndCountedByOutcome(String table) throws Exception {
        String key = newKey("XLON", "2024-06-01");
        put(alice, table, key, randomBytes(1234));
        code(() -> put(alice, table, newKey("XETR", "2024-06-01"), randomBytes(10)));
        String audit = awaitAudit(l -> l.contains("\"key\":\"" + table + "/" + key + "\""));
        assertTrue(audit.lines().anyMatch(l -> l.contains("\"key\":\"" + table + "/" + key + "\"")
                && l.contains("\"decision\":\"allow\"") && l.contains("\"bytesReceived\":1234")), audit);
        java.util.function.Predicate<String> denied = l -> l.contains("\"operation\":\"PutObject\"")
                && l.contains("\"decision\":\"deny\"") && l.contains("outside the write grants");
        audit = awaitAudit(denied);
        assertTrue(audit.lines().anyMatch(denied), audit);
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("s3proxy_writes_total{kind=\"data\",outcome=\"written\",table=\"" + table
                + "\"}"), metrics);
        assertTrue(metrics.contains("s3proxy_writes_total{kind=\"data\",outcome=\"denied\",table=\"" + table
                + "\"}"), metrics);
        assertTrue(metrics.contains("s3proxy_write_bytes_total{kind=\"data\",table=\"" + table + "\"}"),
                metrics);
    }

    /**
     * The audit log once a line matches (or after 10 s): an audit line is written when its exchange ends, which may
     * be just after the client has read the response.
     */
    private static String awaitAudit(java.util.function.Predicate<String> line) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String audit = Files.readString(auditLog);
        while (audit.lines().noneMatch(line) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            audit = Files.readString(auditLog);
        }
        return audit;
    }

    private static String commit(S3Client client, String table, long version, String actions) {
        return code(() -> put(client, table, commitKey(version), bytes(commitInfo() + actions)));
    }

    private static void put(S3Client client, String table, String key, byte[] data) {
        client.putObject(b -> b.bucket("datalake").key(table + "/" + key), RequestBody.fromBytes(data));
    }

    private static byte[] get(S3Client client, String table, String key) {
        return client.getObjectAsBytes(b -> b.bucket("datalake").key(table + "/" + key)).asByteArray();
    }

    private static void delete(S3Client client, String table, String key) {
        client.deleteObject(b -> b.bucket("datalake").key(table + "/" + key));
    }

    private static int status(Executable call) {
        return assertThrows(S3Exception.class, call).statusCode();
    }

    private static String code(Executable call) {
        return assertThrows(S3Exception.class, call).awsErrorDetails().errorCode();
    }

    /** Every object of the table on the backend: key to a hash of its bytes. */
    private static Map<String, String> state(String table) {
        var out = new TreeMap<String, String>();
        if (table.equals("fs")) {
            try (Stream<Path> walk = Files.walk(fsTable)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.put(fsTable.relativize(p).toString(), sha256(Files.readAllBytes(p)));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out;
        }
        backend.client().listObjectsV2Paginator(b -> b.bucket("lake").prefix("t/trades/")).contents()
                .forEach(o -> out.put(o.key().substring("t/trades/".length()), o.eTag() + "/" + o.size()));
        return out;
    }

    private static void putDirect(String table, String key, byte[] data, Map<String, String> metadata) {
        if (table.equals("s3")) {
            backend.client().putObject(b -> b.bucket("lake").key("t/trades/" + key).metadata(metadata),
                    RequestBody.fromBytes(data));
            return;
        }
        try {
            Path file = fsTable.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, data);
            var view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            for (var e : metadata.entrySet()) {
                view.write("s3meta." + e.getKey(), ByteBuffer.wrap(e.getValue().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> metadataOf(String table, String key) {
        if (table.equals("s3")) {
            return backend.client().headObject(b -> b.bucket("lake").key("t/trades/" + key)).metadata();
        }
        try {
            var view = Files.getFileAttributeView(fsTable.resolve(key), UserDefinedFileAttributeView.class);
            var out = new TreeMap<String, String>();
            for (String name : view.list()) {
                ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
                view.read(name, buffer);
                out.put(name.substring("s3meta.".length()), new String(buffer.array(), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long latestVersion(String table) {
        return state(table).keySet().stream().filter(k -> k.matches("_delta_log/\\d{20}\\.json"))
                .mapToLong(k -> Long.parseLong(k.substring(11, 31))).max().orElseThrow();
    }

    private static String firstKey(String table, String prefix) {
        return state(table).keySet().stream().filter(k -> k.startsWith(prefix) && k.endsWith(".parquet"))
                .findFirst().orElseThrow();
    }

    private static String fixtureLine(int version, String action) {
        try {
            return Files.readAllLines(ProjectPaths.fixtureTables().resolve("trades/_delta_log/"
                    + String.format("%020d.json", version))).stream()
                    .filter(l -> l.startsWith("{\"" + action + "\"")).findFirst().orElseThrow() + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static S3Client client(String accessKey, String secretKey) {
        return proxy.writer(accessKey, secretKey);
    }

    private static PartitionSpec spec(String mic) {
        return new PartitionSpec(Map.of("MIC", mic));
    }

    private static String newKey(String mic, String date) {
        return "MIC=" + mic + "/date=" + date + "/" + UUID.randomUUID() + "-000.parquet";
    }

    private static String commitKey(long version) {
        return "_delta_log/" + String.format("%020d.json", version);
    }

    private static String commitInfo() {
        return "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"WRITE\",\"engineInfo\":\"writes-e2e\"}}\n";
    }

    private static String add(String path, String mic, String date) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"MIC\":\"" + mic + "\",\"date\":\"" + date
                + "\"},\"size\":10,\"modificationTime\":1,\"dataChange\":true}}\n";
    }

    private static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":1,\"dataChange\":true}}\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        new java.util.Random(n).nextBytes(out);
        return out;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
