package proxy.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.S3BackendConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.delta.io.StoreFileIO;
import proxy.testkit.KernelRows;
import proxy.testkit.ProjectPaths;
import proxy.testkit.S3TestServer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletion-vector files shared by partitions, end to end: {@code dv_shared} (delta-spark's
 * {@code partitioned-table-with-dv-large}: two DELETE commands each wrote one file holding the vectors of data
 * files of 5 and 6 partitions) in S3Proxy, the proxy as {@code serve} wires it ({@code getMode: auto}; requests that
 * opt in to redirects show that a partly readable file is never presigned), the AWS SDK as client. A principal granted one partition reads
 * its own vector and the version byte, nothing of the other vectors, and never the whole file; Delta Kernel reading
 * through the proxy as that principal (filtered log, S3A-like read-ahead) returns exactly its rows with the
 * deletions applied.
 */
class DeletionVectorRangesEndToEndTest {
    /** Vectors of partCol 8@1, 5@43, 3@85, 7@127, 6@169 (each 42 bytes) and 0@211 (44 bytes); 255 bytes. */
    static final String FIRST = "deletion_vector_0661cff2-4d32-4f91-ba26-c77e4498683c.bin";
    /** Vectors of partCol 9@1 (42), 3@43 (44), 0@87 (48), 7@135 (46), 6@181 (44); 225 bytes. */
    static final String SECOND = "deletion_vector_b86cba62-c87a-4399-80da-d5ffaa3746a8.bin";
    static final String MISSING = "deletion_vector_00000000-0000-0000-0000-000000000000.bin";

    static S3TestServer backend;
    static RunningProxy proxy;
    static RunningProxy replica;
    static Path table;
    static S3Client five;
    static S3Client three;
    static S3Client secondsPartitions;
    static S3Client whole;

    @BeforeAll
    static void start() throws IOException {
        table = ProjectPaths.sparkTables().resolve("dv_shared");
        backend = new S3TestServer();
        backend.createBucket("lake");
        backend.uploadDirectory(table, "lake", "t/dv/");
        System.setProperty("aws.accessKeyId", backend.accessKey());
        System.setProperty("aws.secretAccessKey", backend.secretKey());
        proxy = new RunningProxy(config());
        five = proxy.client("AKIADVFIVE0000000001", "five-secret");
        three = proxy.client("AKIADVTHREE000000001", "three-secret");
        secondsPartitions = proxy.client("AKIADVSECOND00000001", "second-secret");
        whole = proxy.client("AKIADVWHOLE00000001", "whole-secret");
    }

    @AfterAll
    static void stop() {
        for (S3Client c : List.of(five, three, secondsPartitions, whole)) {
            c.close();
        }
        proxy.close();
        if (replica != null) {
            replica.close();
        }
        backend.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static ProxyConfig config() {
        var users = List.of(
                user("five", "AKIADVFIVE0000000001", "five-secret", List.of(part("5"))),
                user("three", "AKIADVTHREE000000001", "three-secret", List.of(part("3"))),
                user("second", "AKIADVSECOND00000001", "second-secret",
                        List.of(part("9"), part("3"), part("0"), part("7"), part("6"))),
                user("whole", "AKIADVWHOLE00000001", "whole-secret", List.of(PartitionSpec.WHOLE_TABLE)));
        return ProxyConfig.defaults(Map.of("dv", URI.create("s3://lake/t/dv"))).toBuilder()
                .metricsPort(OptionalInt.of(0))
                .getMode(GetMode.AUTO)
                .deltaLog(DeltaLogMode.FILTERED)
                .users(users)
                .s3(new S3BackendConfig(java.util.Optional.of(backend.endpoint()), "us-east-1", true))
                .build();
    }

    private static UserConfig user(String name, String key, String secret, List<PartitionSpec> grants) {
        return new UserConfig(name, key, new Secret(secret), Map.of("dv", grants));
    }

    private static PartitionSpec part(String value) {
        return new PartitionSpec(Map.of("partCol", value));
    }

    private static ResponseBytes<GetObjectResponse> get(S3Client client, String key, String range) {
        return client.getObjectAsBytes(b -> b.bucket("datalake").key("dv/" + key).range(range));
    }

    /** A GET asking to be redirected to a presigned URL (the opt-in header). */
    private static ResponseBytes<GetObjectResponse> getOptingIn(S3Client client, String key, String range) {
        return client.getObjectAsBytes(b -> b.bucket("datalake").key("dv/" + key).range(range)
                .overrideConfiguration(o -> o.putHeader("x-delta-proxy-redirect", "1")));
    }

    private static byte[] disk(String key, int first, int last) throws IOException {
        return Arrays.copyOfRange(Files.readAllBytes(table.resolve(key)), first, last + 1);
    }

    /** "status code" of a refused request. */
    private static String refusal(Runnable request) {
        S3Exception e = assertThrows(S3Exception.class, request::run);
        return e.statusCode() + " " + (e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
    }

    @Test
    void aPartialPrincipalReadsItsOwnVectorAndTheVersionByteStreamedNotRedirected() throws IOException {
        var vector = get(five, FIRST, "bytes=43-84");
        assertEquals("bytes 43-84/255", vector.response().contentRange());
        assertArrayEquals(disk(FIRST, 43, 84), vector.asByteArray());
        var version = get(five, FIRST, "bytes=0-0");
        assertArrayEquals(new byte[] {1}, version.asByteArray());
        var threesVector = getOptingIn(three, SECOND, "bytes=43-86");
        assertArrayEquals(disk(SECOND, 43, 86), threesVector.asByteArray(), "streamed although redirects were asked");
        assertEquals("307 null", refusal(() -> getOptingIn(whole, SECOND, "bytes=43-86")),
                "a principal who may read the whole file is redirected");
    }

    @Test
    void aRangeRunningPastTheGrantedVectorIsAnsweredWithEveryOtherByteZeroed() throws IOException {
        for (String range : List.of("bytes=43-", "bytes=43-254", "bytes=43-100000", "bytes=50-", "bytes=0-")) {
            int first = Integer.parseInt(range.substring(6, range.indexOf('-')));
            var masked = get(five, FIRST, range);
            assertEquals("bytes " + first + "-254/255", masked.response().contentRange(), range);
            byte[] expected = new byte[255 - first];
            byte[] own = disk(FIRST, 43, 84);
            for (int at = Math.max(first, 43); at <= 84; at++) {
                expected[at - first] = own[at - 43];
            }
            if (first == 0) {
                expected[0] = 1;
            }
            assertArrayEquals(expected, masked.asByteArray(), range);
        }
        var suffix = get(secondsPartitions, FIRST, "bytes=-44");
        assertEquals("bytes 211-254/255", suffix.response().contentRange(), "partCol=0's vector ends the file");
        assertArrayEquals(disk(FIRST, 211, 254), suffix.asByteArray());
    }

    @Test
    void zeroedAnswersCarryAnEtagOfTheirOwnThatIsStableAcrossReplicasAndServesConditions() {
        String upstream = get(whole, FIRST, null).response().eTag();
        assertEquals(backend.client().headObject(b -> b.bucket("lake").key("t/dv/" + FIRST)).eTag(), upstream);
        String fives = get(five, FIRST, "bytes=43-").response().eTag();
        assertFalse(fives.equals(upstream), "a zeroed answer never carries the object's ETag");
        assertEquals(fives, get(five, FIRST, "bytes=0-0").response().eTag(), "one ETag for all of a principal's"
                + " ranges");
        assertEquals(fives, five.headObject(b -> b.bucket("datalake").key("dv/" + FIRST)).eTag());
        String threes = get(three, FIRST, "bytes=85-").response().eTag();
        assertFalse(threes.equals(fives) || threes.equals(upstream), "other windows, another ETag");
        assertEquals("304 null", refusal(() -> five.getObjectAsBytes(b -> b.bucket("datalake").key("dv/" + FIRST)
                .range("bytes=43-").ifNoneMatch(fives))));
        assertEquals(42, five.getObjectAsBytes(b -> b.bucket("datalake").key("dv/" + FIRST).range("bytes=43-84")
                .ifMatch(fives)).asByteArray().length, "S3A's change detection sends If-Match with the ETag it saw");
        assertEquals("412 PreconditionFailed", refusal(() -> five.getObjectAsBytes(b -> b.bucket("datalake")
                .key("dv/" + FIRST).range("bytes=43-84").ifMatch(upstream))));
        // Closed with the class: closing a proxy removes the process's filtered-log spill directory.
        replica = new RunningProxy(config());
        try (S3Client fiveThere = replica.client("AKIADVFIVE0000000001", "five-secret")) {
            assertEquals(fives, fiveThere.getObjectAsBytes(b -> b.bucket("datalake").key("dv/" + FIRST)
                    .range("bytes=43-")).response().eTag(), "the same on another replica");
        }
    }

    @Test
    void theVectorsOfOtherPartitionsAreRefusedExactlyLikeAKeyThatDoesNotExist() {
        String absent = refusal(() -> get(five, MISSING, "bytes=1-42"));
        assertEquals("403 AccessDenied", absent);
        for (String range : List.of("bytes=1-42", "bytes=42-84", "bytes=85-126", "bytes=85-", "bytes=211-254",
                "bytes=-10", "bytes=-44", "bytes=1000-2000", "bytes=43-50,60-70")) {
            assertEquals(absent, refusal(() -> get(five, FIRST, range)), range);
        }
        assertEquals(absent, refusal(() -> get(five, SECOND, "bytes=43-86")), "a file with no vector of its own");
        assertEquals(absent, refusal(() -> get(five, SECOND, null)));
        assertEquals(absent, refusal(() -> get(five, MISSING, null)));
    }

    @Test
    void theWholeFileIsServedOnlyToAPrincipalWhoMayReadEveryVectorInIt() throws IOException {
        assertEquals("403 AccessDenied", refusal(() -> get(five, FIRST, null)));
        assertEquals("403 AccessDenied", refusal(() -> get(three, SECOND, null)));
        assertEquals("403 AccessDenied", refusal(() -> get(secondsPartitions, FIRST, null)));
        assertArrayEquals(disk(SECOND, 0, 224), get(secondsPartitions, SECOND, null).asByteArray(),
                "every vector of the second file belongs to a granted partition");
        assertArrayEquals(disk(FIRST, 0, 254), get(whole, FIRST, null).asByteArray());
        assertArrayEquals(disk(FIRST, 1, 254), get(whole, FIRST, "bytes=1-").asByteArray());
    }

    @Test
    void headAndListingsShowAFileWithAReadableVectorAndNothingElse() {
        assertEquals(255L, five.headObject(b -> b.bucket("datalake").key("dv/" + FIRST)).contentLength());
        assertEquals("403 null", refusal(() -> five.headObject(b -> b.bucket("datalake").key("dv/" + SECOND))),
                "HEAD has no error body");
        assertEquals("403 null", refusal(() -> five.headObject(b -> b.bucket("datalake").key("dv/" + MISSING))));
        assertEquals("403 null", refusal(() -> five.headObject(b -> b.bucket("datalake")
                .key("dv/" + FIRST).range("bytes=1-42"))));
        assertEquals("bytes 43-254/255", five.headObject(b -> b.bucket("datalake").key("dv/" + FIRST)
                .range("bytes=43-")).contentRange());
        List<String> listed = five.listObjectsV2Paginator(b -> b.bucket("datalake").prefix("dv/deletion_vector"))
                .contents().stream().map(S3Object::key).toList();
        assertEquals(List.of("dv/" + FIRST), listed);
    }

    @Test
    void kernelThroughTheProxyReturnsExactlyTheGrantedRowsWithTheirDeletionsApplied() {
        Engine local = DefaultEngine.create(new Configuration());
        for (var grant : Map.of("5", five, "3", three).entrySet()) {
            for (boolean fromStart : List.of(false, true)) {
                ReadAheadStore store = new ReadAheadStore(grant.getValue(), "datalake", "dv", fromStart);
                Engine engine = DefaultEngine.create(new StoreFileIO(store));
                List<String> expected = KernelRows.read(local, table, -1,
                        v -> grant.getKey().equals(v.get("partCol")));
                List<String> rows = KernelRows.read(engine, StoreFileIO.ROOT, -1, v -> true);
                String how = "partCol=" + grant.getKey() + (fromStart ? ", reading from byte 0" : ", read-ahead");
                assertEquals(expected, rows, how);
                assertFalse(expected.isEmpty());
                assertTrue(KernelRows.read(local, table, -1, v -> true).size() > expected.size());
                List<String> dvReads = store.exchanges().stream().filter(e -> e.startsWith("deletion_vector_"))
                        .toList();
                assertFalse(dvReads.isEmpty(), "the deletion vector was read through the proxy");
                assertTrue(dvReads.stream().allMatch(e -> e.matches(".* bytes=(\\d+)- -> bytes \\1-(254/255|224/225)")),
                        how + ": asked to the end and answered to the end: " + dvReads);
            }
        }
    }

    /**
     * Opt-in, not run by CI: real Hadoop S3A readers through the proxy as the principal granted partCol=5, with the
     * versions {@code scripts/e2e/spark} uses (Delta Kernel 3.3.0's default engine and Spark 3.5.3 + delta-spark
     * 3.3.0 over hadoop-aws 3.3.4 on a JDK 17). Run with {@code -Ddv.s3a.classpath=<file>} naming the class path
     * of {@code scripts/e2e/spark-job} ({@code dependency:build-classpath}) and optionally {@code -Ddv.s3a.java}
     * (default {@code /usr/lib/jvm/java-17-openjdk-amd64/bin/java}). Both print their rows; both must equal Kernel's
     * local read of the granted partition, deletions applied.
     */
    @Test
    void realS3aReadersThroughTheProxyReadExactlyTheGrantedRows() throws Exception {
        String classpathFile = System.getProperty("dv.s3a.classpath", "");
        Assumptions.assumeFalse(classpathFile.isBlank(), "set -Ddv.s3a.classpath to run the S3A readers");
        String jdk17 = System.getProperty("dv.s3a.java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        Path program = Path.of(getClass().getResource("/s3a/DvS3aRead.java").toURI());
        List<String> command = new java.util.ArrayList<>(List.of(jdk17, "-Xmx1g",
                "-XX:+IgnoreUnrecognizedVMOptions", "-Djdk.reflect.useDirectMethodHandle=false"));
        for (String open : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
                "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref",
                "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            command.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", Files.readString(Path.of(classpathFile)).strip(), program.toString(),
                proxy.endpoint().toString(), "AKIADVFIVE0000000001", "five-secret", "s3a://datalake/dv", "spark"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES));
        Files.writeString(Path.of("target", "dv-s3a-readers.log"), out);
        List<String> expected = KernelRows.read(DefaultEngine.create(new Configuration()), table, -1,
                v -> "5".equals(v.get("partCol")));
        assertTrue(out.contains("KERNEL " + expected), "Kernel over S3A: " + out);
        assertTrue(out.contains("SPARK " + expected), "Spark over S3A: " + out);
    }
}
