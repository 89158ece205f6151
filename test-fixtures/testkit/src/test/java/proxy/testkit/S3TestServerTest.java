package proxy.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3TestServerTest {

    private static S3TestServer server;

    @BeforeAll
    static void start() {
        server = new S3TestServer();
        server.createBucket("testkit");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesOnLoopbackWithFixedKeys() {
        assertEquals("127.0.0.1", server.endpoint().getHost());
        assertTrue(server.endpoint().getPort() > 0);
        assertEquals(S3TestServer.ACCESS_KEY, server.accessKey());
        assertEquals("us-east-1", server.region());
    }

    @Test
    void putThenGetReturnsTheSameBytes() {
        byte[] body = "hello s3proxy".getBytes(StandardCharsets.UTF_8);
        server.client().putObject(p -> p.bucket("testkit").key("a/b=1/c d.txt"), RequestBody.fromBytes(body));

        byte[] read = server.client().getObjectAsBytes(g -> g.bucket("testkit").key("a/b=1/c d.txt")).asByteArray();

        assertEquals(new String(body, StandardCharsets.UTF_8), new String(read, StandardCharsets.UTF_8));
    }

    @Test
    void uploadDirectoryKeysByRelativePathAndListsThem(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("x/y"));
        Files.writeString(dir.resolve("x/y/one.bin"), "1");
        Files.writeString(dir.resolve("two.json"), "{}");
        server.createBucket("upload");

        List<String> uploaded = server.uploadDirectory(dir, "upload", "root/");
        List<String> listed = server.client().listObjectsV2(l -> l.bucket("upload").prefix("root/"))
                .contents().stream().map(S3Object::key).toList();

        assertEquals(List.of("root/two.json", "root/x/y/one.bin"), uploaded);
        assertEquals(List.of("root/two.json", "root/x/y/one.bin"), listed);
    }

    @Test
    void wrongSecretIsRejectedWith403() {
        try (var wrong = TestS3Clients.pathStyle(server.endpoint(), server.region(), server.accessKey(),
                "not-the-secret")) {
            S3Exception e = assertThrows(S3Exception.class, () -> wrong.listObjectsV2(l -> l.bucket("testkit")));
            assertEquals(403, e.statusCode());
        }
    }

    @Test
    void backendsAlwaysIncludeS3Proxy() {
        assertEquals("s3proxy", S3Backends.available().getFirst().name());
    }

    @Test
    void minioRunsOnlyWithDocker() {
        try (MinioTestServer minio = S3Backends.startMinio()) {
            minio.createBucket("minio");
            minio.client().putObject(p -> p.bucket("minio").key("k"), RequestBody.fromString("v"));
            assertEquals("v", minio.client().getObjectAsBytes(g -> g.bucket("minio").key("k")).asUtf8String());
        }
    }
}
