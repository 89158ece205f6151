package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A new Delta table created through the proxy, as Spark creates one over S3A (scripts/e2e/spark, mode
 * {@code writers-*}): a table root without a log is served as an empty table (not a failure), Hadoop's empty
 * directory markers ({@code mkdirs} of {@code _delta_log/_commits/}) are accepted from writers and not stored, a
 * writer can state its own upload before committing it (Delta's {@code getFileStatus} of each file it wrote), and
 * the whole-table writer's commit 0 creates the table, which a partial writer may not do. On the {@code file} store
 * ({@code fs}, an empty folder) and S3Proxy ({@code s3}, an empty prefix); the AWS SDK v2 as client.
 */
class TableCreationEndToEndTest {
    private static final String METADATA = "{\"metaData\":{\"id\":\"orders\",\"format\":{\"provider\":\"parquet\","
            + "\"options\":{}},\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":"
            + "\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},{\\\"name\\\":"
            + "\\\"MIC\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
            + "\"partitionColumns\":[\"MIC\"],\"configuration\":{},\"createdTime\":1}}\n";
    private static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n";

    static S3TestServer backend;
    static RunningProxy proxy;
    static Path fsRoot;
    static S3Client creator;
    static S3Client alice;
    static S3Client reader;

    @BeforeAll
    static void start() throws IOException {
        fsRoot = Files.createTempDirectory("table-creation").resolve("orders");
        Files.createDirectories(fsRoot);
        backend = new S3TestServer();
        backend.createBucket("lake");
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        Map<String, List<PartitionSpec>> xlon = Map.of("fs", List.of(new PartitionSpec(Map.of("MIC", "XLON"))),
                "s3", List.of(new PartitionSpec(Map.of("MIC", "XLON"))));
        Map<String, List<PartitionSpec>> all = Map.of("fs", List.of(PartitionSpec.WHOLE_TABLE),
                "s3", List.of(PartitionSpec.WHOLE_TABLE));
        var users = List.of(
                new UserConfig("creator", "AKIACREATOR000000001", new Secret("creator-secret"), Map.of(), all),
                new UserConfig("alice", "AKIAWRITERALICE00001", new Secret("alice-secret"), Map.of(), xlon),
                new UserConfig("reader", "AKIAREADERXLON000001", new Secret("reader-secret"), xlon));
        proxy = new RunningProxy(ProxyConfig.defaults(Map.of("fs", fsRoot.toUri(),
                        "s3", java.net.URI.create("s3://lake/t/orders"))).toBuilder()
                .getMode(GetMode.PROXY)
                .users(users)
                .readOnly(false)
                .writes(new WriteConfig(Optional.of(new Secret("table-creation-provenance-key-0123456789")),
                        1 << 20, 64 * 1024))
                .s3(new S3BackendConfig(Optional.of(backend.endpoint()), "us-east-1", true))
                .build());
        creator = proxy.writer("AKIACREATOR000000001", "creator-secret");
        alice = proxy.writer("AKIAWRITERALICE00001", "alice-secret");
        reader = proxy.writer("AKIAREADERXLON000001", "reader-secret");
    }

    @AfterAll
    static void stop() {
        Stream.of(creator, alice, reader).forEach(S3Client::close);
        proxy.close();
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aWholeTableWriterCreatesATableThatDidNotExist(String table) {
        assertEquals(List.of(), keys(reader, table), "an empty table lists nothing (no 503)");
        assertEquals(404, status(() -> creator.headObject(b -> b.bucket("datalake").key(table + "/_delta_log"))));
        assertEquals(-1, proxy.indexVersion(table));

        creator.putObject(b -> b.bucket("datalake").key(table + "/_delta_log/_commits/"), RequestBody.empty());
        assertEquals(List.of(), backendKeys(table).stream().filter(k -> k.startsWith("_delta_log")).toList(),
                "a directory marker is not stored");

        String file = "MIC=XLON/part-00000.parquet";
        byte[] data = "parquet bytes".getBytes(StandardCharsets.UTF_8);
        put(creator, table, file, data);
        String created = PROTOCOL + METADATA + add(file);
        assertEquals("AccessDenied", code(() -> put(alice, table, "_delta_log/00000000000000000000.json",
                bytes(created))), "a partial writer cannot create the table (metaData, protocol)");
        put(creator, table, "_delta_log/00000000000000000000.json", bytes(created));

        assertEquals(0, proxy.indexVersion(table));
        assertArrayEquals(data, reader.getObjectAsBytes(b -> b.bucket("datalake").key(table + "/" + file))
                .asByteArray());
        assertEquals(List.of(table + "/" + file), keys(reader, table).stream()
                .filter(k -> !k.contains("_delta_log/")).toList());
        assertEquals(List.of("MIC=XLON/part-00000.parquet", "_delta_log/00000000000000000000.json"),
                backendKeys(table).stream().filter(k -> !k.contains("part-own-")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aDirectoryMarkerNeedsAWriteGrantAndAnEmptyBody(String table) {
        assertEquals("AccessDenied", code(() -> reader.putObject(b -> b.bucket("datalake").key(table + "/dir/"),
                RequestBody.empty())));
        assertEquals("EntityTooLarge", code(() -> creator.putObject(b -> b.bucket("datalake")
                .key(table + "/_delta_log/_commits/"), RequestBody.fromString("x"))));
        alice.putObject(b -> b.bucket("datalake").key(table + "/MIC=XETR/"), RequestBody.empty());
        assertEquals(List.of(), backendKeys(table).stream().filter(k -> k.endsWith("/") || k.startsWith("dir"))
                .toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void aWriterStatesItsOwnUploadBeforeCommittingItAndNobodyElseSeesIt(String table) {
        String key = table + "/MIC=XLON/part-own-" + System.nanoTime() + ".parquet";
        assertEquals(404, status(() -> alice.headObject(b -> b.bucket("datalake").key(key))), "before the upload");
        byte[] data = "alice's bytes".getBytes(StandardCharsets.UTF_8);
        alice.putObject(b -> b.bucket("datalake").key(key), RequestBody.fromBytes(data));

        assertEquals(data.length, alice.headObject(b -> b.bucket("datalake").key(key)).contentLength());
        assertEquals(404, status(() -> alice.getObjectAsBytes(b -> b.bucket("datalake").key(key))),
                "its bytes stay unreadable, to its uploader too, until a commit references it");
        assertEquals(404, status(() -> creator.headObject(b -> b.bucket("datalake").key(key))),
                "another writer of the partition: absent");
        assertEquals("AccessDenied", code(() -> reader.getObjectAsBytes(b -> b.bucket("datalake").key(key))));
    }

    private static List<String> keys(S3Client client, String table) {
        return client.listObjectsV2Paginator(b -> b.bucket("datalake").prefix(table + "/")).contents().stream()
                .map(o -> o.key()).toList();
    }

    /** The keys the backend holds under the table root, relative to it, sorted. */
    private static List<String> backendKeys(String table) {
        var out = new TreeSet<String>();
        if (table.equals("fs")) {
            try (Stream<Path> walk = Files.walk(fsRoot)) {
                walk.filter(p -> !p.equals(fsRoot)).filter(p -> Files.isRegularFile(p) || isEmptyDirectory(p))
                        .forEach(p -> out.add(fsRoot.relativize(p) + (Files.isDirectory(p) ? "/" : "")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            backend.client().listObjectsV2Paginator(b -> b.bucket("lake").prefix("t/orders/")).contents()
                    .forEach(o -> out.add(o.key().substring("t/orders/".length())));
        }
        return List.copyOf(out);
    }

    private static boolean isEmptyDirectory(Path p) {
        try (Stream<Path> children = Files.isDirectory(p) ? Files.list(p) : Stream.of(p)) {
            return Files.isDirectory(p) && children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(S3Client client, String table, String key, byte[] data) {
        client.putObject(b -> b.bucket("datalake").key(table + "/" + key), RequestBody.fromBytes(data));
    }

    private static String add(String path) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"MIC\":\"XLON\"},\"size\":13,"
                + "\"modificationTime\":1,\"dataChange\":true}}\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String code(Executable call) {
        return assertThrows(S3Exception.class, call).awsErrorDetails().errorCode();
    }

    private static int status(Executable call) {
        return assertThrows(S3Exception.class, call).statusCode();
    }
}
