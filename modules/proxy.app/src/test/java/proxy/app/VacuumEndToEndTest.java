package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * VACUUM and Delta's log cleanup through the proxy, on the {@code file} store and on S3Proxy, with the calls Spark
 * makes: a recursive listing, then DeleteObjects (S3A's bulk delete) and DeleteObject. On copies of the
 * {@code history} fixture (regions EU, US, APAC, LATAM; EU, US and APAC files removed by versions 5, 7 and 11;
 * checkpoints at 7 and 10): {@code eu} and {@code us} write one region each, {@code admin} the whole table,
 * {@code reader} reads EU. Tables {@code fs}/{@code s3} are vacuumed, {@code lfs}/{@code ls3} have their log cleaned.
 */
class VacuumEndToEndTest {
    private static final String PROVENANCE_KEY = "vacuum-end-to-end-provenance-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    static S3TestServer backend;
    static RunningProxy proxy;
    static Path temp;
    static Path auditLog;
    static S3Client eu;
    static S3Client us;
    static S3Client admin;
    static S3Client reader;

    @BeforeAll
    static void start() throws IOException {
        Path history = ProjectPaths.fixtureTables().resolve("history");
        temp = Files.createTempDirectory("vacuum-e2e");
        auditLog = temp.resolve("audit.log");
        backend = new S3TestServer();
        backend.createBucket("lake");
        for (String table : List.of("fs", "lfs")) {
            copyTree(history, temp.resolve(table));
        }
        for (String table : List.of("s3", "ls3")) {
            backend.uploadDirectory(history, "lake", "t/" + table + "/");
        }
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        proxy = new RunningProxy(config());
        eu = proxy.client("AKIAVACUUMEU00000001", "eu-writer-secret");
        us = proxy.writer("AKIAVACUUMUS00000001", "us-writer-secret");
        admin = proxy.client("AKIAVACUUMADMIN00001", "admin-writer-secret");
        reader = proxy.client("AKIAVACUUMREADER0001", "reader-secret");
    }

    @AfterAll
    static void stop() {
        Stream.of(eu, us, admin, reader).forEach(S3Client::close);
        proxy.close();
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static ProxyConfig config() {
        List<String> tables = List.of("fs", "s3", "lfs", "ls3");
        var users = List.of(
                new UserConfig("eu", "AKIAVACUUMEU00000001", new Secret("eu-writer-secret"), Map.of(),
                        grants(tables, Map.of("region", "EU"))),
                new UserConfig("us", "AKIAVACUUMUS00000001", new Secret("us-writer-secret"), Map.of(),
                        grants(tables, Map.of("region", "US"))),
                new UserConfig("admin", "AKIAVACUUMADMIN00001", new Secret("admin-writer-secret"), Map.of(),
                        grants(tables, Map.of())),
                new UserConfig("reader", "AKIAVACUUMREADER0001", new Secret("reader-secret"),
                        grants(tables, Map.of("region", "EU"))));
        Map<String, URI> roots = new LinkedHashMap<>();
        roots.put("fs", temp.resolve("fs").toUri());
        roots.put("lfs", temp.resolve("lfs").toUri());
        roots.put("s3", URI.create("s3://lake/t/s3"));
        roots.put("ls3", URI.create("s3://lake/t/ls3"));
        return ProxyConfig.defaults(roots).toBuilder()
                .metricsPort(OptionalInt.of(0))
                .getMode(GetMode.PROXY)
                .users(users)
                .readOnly(false)
                .writes(new WriteConfig(Optional.of(new Secret(PROVENANCE_KEY)), 1 << 20, 64 * 1024))
                .s3(new S3BackendConfig(Optional.of(backend.endpoint()), "us-east-1", true))
                .audit(new AuditConfig("file:" + auditLog))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void vacuumByAPartialWriterDeletesTheFilesItsPartitionRemovedAndNothingElse(String table) throws Exception {
        Set<String> listed = listAll(eu, table);
        Map<String, Boolean> euFiles = dataFiles("EU");
        Set<String> removedUs = removed(dataFiles("US"));
        assertEquals(euFiles.keySet(), listed.stream().filter(k -> !k.startsWith("_delta_log/"))
                .collect(Collectors.toSet()), "the listing shows the region's live and removed files, no other");
        Set<String> vacuumable = removed(euFiles);
        assertEquals(3, vacuumable.size());
        Map<String, String> before = state(table);
        List<String> asked = new ArrayList<>(vacuumable);
        asked.addAll(live(euFiles));
        asked.addAll(removedUs);
        asked.add("region=EU/never-written-000.parquet");
        asked.add("_delta_log/00000000000000000000.json");
        DeleteObjectsResponse answer = deleteObjects(eu, table, asked);
        assertEquals(vacuumable, answer.deleted().stream().map(d -> d.key().substring(table.length() + 1))
                .collect(Collectors.toSet()));
        assertEquals(asked.size() - vacuumable.size(), answer.errors().size());
        answer.errors().forEach(e -> assertEquals("AccessDenied", e.code(), e.key()));
        answer.errors().forEach(e -> assertEquals("Access Denied", e.message(), e.key()));
        Map<String, String> expected = new TreeMap<>(before);
        vacuumable.forEach(expected::remove);
        assertEquals(expected, state(table), "exactly the region's removed files are gone");
        for (String key : live(euFiles)) {
            assertEquals(fixtureSize(key), get(reader, table, key).length, "live files stay readable");
        }
        String again = vacuumable.iterator().next();
        eu.deleteObject(b -> b.bucket("datalake").key(table + "/" + again)); // a second VACUUM: already gone
        assertEquals(expected, state(table));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs", "s3"})
    void hostileDeletesAreRefusedAlikeAndDeleteNothing(String table) {
        Map<String, Boolean> euFiles = dataFiles("EU");
        String liveEu = live(euFiles).iterator().next();
        String removedUs = removed(dataFiles("US")).iterator().next();
        Map<String, String> before = state(table);
        Map<String, S3Client> attempts = new LinkedHashMap<>();
        attempts.put(removedUs, eu);
        attempts.put(liveEu, eu);
        attempts.put("region=EU/never-written-000.parquet", eu);
        attempts.put("region=US/never-written-000.parquet", eu);
        attempts.put("_delta_log/00000000000000000000.json", eu);
        attempts.put("_delta_log/00000000000000000003.crc", us);
        attempts.put("_delta_log/_last_checkpoint", admin);
        attempts.put("_delta_log/00000000000000000010.checkpoint.parquet", admin);
        attempts.put("_delta_log/00000000000000000012.json", admin);
        attempts.put("region=EU/", eu);
        attempts.put(liveEu + "x", reader);
        attempts.put(removedUs.replace("region=US", "region=EU"), eu);
        attempts.forEach((key, client) -> {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> client.deleteObject(b -> b.bucket("datalake").key(table + "/" + key)), key);
            assertEquals(403, e.statusCode(), key);
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), key);
            assertEquals(before, state(table), key + " changed the backend");
        });
        DeleteObjectsResponse mixed = deleteObjects(admin, table, List.of("_delta_log/_last_checkpoint",
                "_delta_log/00000000000000000010.checkpoint.parquet", liveEu, "other/" + liveEu));
        assertTrue(mixed.deleted().isEmpty());
        assertEquals(4, mixed.errors().size());
        assertEquals(before, state(table));
        DeleteObjectsResponse otherTable = deleteObjects(reader, table, List.of(removedUs));
        assertEquals("AccessDenied", otherTable.errors().getFirst().code(), "a read grant deletes nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lfs", "ls3"})
    void logCleanupByAWholeTableWriterKeepsTheTableReadable(String table) throws Exception {
        List<String> log = state(table).keySet().stream().filter(k -> k.startsWith("_delta_log/")).toList();
        DeleteObjectsResponse asPartial = deleteObjects(eu, table, log);
        assertTrue(asPartial.deleted().isEmpty(), "a partial writer never deletes the log");
        DeleteObjectsResponse answer = deleteObjects(admin, table, log);
        Set<String> deleted = answer.deleted().stream().map(d -> d.key().substring(table.length() + 1))
                .collect(Collectors.toSet());
        Set<String> expected = log.stream().filter(k -> k.matches("_delta_log/0{19}[0-9]\\.(json|crc)")
                || k.equals("_delta_log/00000000000000000007.checkpoint.parquet")).collect(Collectors.toSet());
        assertEquals(expected, deleted);
        assertEquals(21, deleted.size());
        assertFalse(state(table).keySet().stream().anyMatch(deleted::contains));
        String lastCheckpoint = new String(get(reader, table, "_delta_log/_last_checkpoint"));
        assertTrue(lastCheckpoint.contains("\"version\":10"), lastCheckpoint);
        assertTrue(new String(get(reader, table, "_delta_log/00000000000000000013.json")).contains("region=EU"));
        assertEquals("PAR1", new String(get(reader, table, "_delta_log/00000000000000000010.checkpoint.parquet"),
                0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        Set<String> readerLog = listAll(reader, table).stream().filter(k -> k.startsWith("_delta_log/"))
                .collect(Collectors.toSet());
        assertFalse(readerLog.contains("_delta_log/00000000000000000009.json"), readerLog.toString());
        assertTrue(readerLog.contains("_delta_log/00000000000000000010.json"), readerLog.toString());
        for (String key : live(dataFiles("EU"))) {
            assertEquals(fixtureSize(key), get(reader, table, key).length);
        }
        assertMetricsAndAudit(table);
    }

    private static void assertMetricsAndAudit(String table) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + proxy.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("s3proxy_writes_total{kind=\"delete\",outcome=\"written\",table=\"" + table
                + "\"} 21.0"), metrics);
        assertTrue(metrics.contains("s3proxy_writes_total{kind=\"delete\",outcome=\"denied\",table=\"" + table
                + "\"}"), metrics);
        String key = table + "/_delta_log/00000000000000000009.json";
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> lines = List.of();
        while (System.nanoTime() < deadline && lines.size() < 2) {
            lines = Files.readAllLines(auditLog).stream().filter(l -> l.contains("\"key\":\"" + key + "\"")).toList();
            Thread.sleep(20);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"decision\":\"deny\"")
                && l.contains("log cleanup needs a write grant on the whole table")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"decision\":\"allow\"")
                && l.contains("below checkpoint 10") && l.contains("\"operation\":\"DeleteObjects\"")), lines.toString());
    }

    private static DeleteObjectsResponse deleteObjects(S3Client client, String table, List<String> keys) {
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(table + "/" + k).build())
                .toList();
        return client.deleteObjects(b -> b.bucket("datalake").delete(d -> d.objects(ids)));
    }

    /** Every key a recursive listing (as VACUUM's) shows, relative to the table. */
    private static Set<String> listAll(S3Client client, String table) {
        Set<String> out = new LinkedHashSet<>();
        client.listObjectsV2Paginator(b -> b.bucket("datalake").prefix(table + "/").maxKeys(5)).contents()
                .stream().map(S3Object::key).forEach(k -> out.add(k.substring(table.length() + 1)));
        return out;
    }

    /** The region's data files, replayed independently from the fixture's commits: key to whether live. */
    private static Map<String, Boolean> dataFiles(String region) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Path log = ProjectPaths.fixtureTables().resolve("history/_delta_log");
        try (Stream<Path> commits = Files.list(log)) {
            for (Path commit : commits.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted()
                    .toList()) {
                for (String line : Files.readAllLines(commit)) {
                    JsonNode action = JSON.readTree(line);
                    for (String type : List.of("add", "remove")) {
                        JsonNode file = action.get(type);
                        if (file != null && region.equals(file.path("partitionValues").path("region").asText())) {
                            out.put(file.get("path").asText(), type.equals("add"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Set<String> live(Map<String, Boolean> files) {
        return files.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> removed(Map<String, Boolean> files) {
        return files.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static long fixtureSize(String key) {
        try {
            return Files.size(ProjectPaths.fixtureTables().resolve("history").resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] get(S3Client client, String table, String key) {
        return client.getObjectAsBytes(b -> b.bucket("datalake").key(table + "/" + key)).asByteArray();
    }

    /** Every object of the table on the backend: key to its size and a digest or entity tag. */
    private static Map<String, String> state(String table) {
        var out = new TreeMap<String, String>();
        if (!table.contains("s3")) {
            Path root = temp.resolve(table);
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.put(root.relativize(p).toString(), Files.size(p) + "/"
                            + java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
        String prefix = "t/" + table + "/";
        backend.client().listObjectsV2Paginator(b -> b.bucket("lake").prefix(prefix)).contents()
                .forEach(o -> out.put(o.key().substring(prefix.length()), o.eTag() + "/" + o.size()));
        return out;
    }

    private static Map<String, List<PartitionSpec>> grants(List<String> tables, Map<String, String> values) {
        Map<String, List<PartitionSpec>> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t, List.of(new PartitionSpec(values))));
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
