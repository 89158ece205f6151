package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.testkit.ProjectPaths;
import proxy.testkit.TestS3Clients;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Proxy mode streams: the proxy, running in a JVM whose whole heap is 48 MiB (and which exits on
 * OutOfMemoryError), serves a 1 GiB object to the AWS SDK byte for byte. Buffering the object would need 20 times
 * that heap.
 */
class StreamingMemoryTest {
    private static final long ONE_GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void oneGibObjectStreamsThroughA48MibHeap() throws Exception {
        Path table = dir.resolve("trades");
        copyTree(ProjectPaths.fixtureTables().resolve("trades"), table);
        String key = dataFileUnder(table, "MIC=XLON");
        try (var file = new RandomAccessFile(table.resolve(key).toFile(), "rw")) {
            file.setLength(0);
            file.setLength(ONE_GIB);
        }
        int port = freePort();
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"bindAddress": "127.0.0.1", "port": %d, "metricsPort": null, "getMode": "proxy",
                 "tableMapping": {"trades": "file:trades"},
                 "users": [{"name": "big", "accessKey": "AKIABIG000000000001", "secretKey": "big-secret"}],
                 "allowedPartitions": {"trades": [{"MIC": "XLON"}]}}""".formatted(port));
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "proxy.app.Main", "serve", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (S3Client client = TestS3Clients.pathStyle(URI.create("http://127.0.0.1:" + port), "us-east-1",
                "AKIABIG000000000001", "big-secret")) {
            awaitPort(port, server, log);
            long received;
            try (InputStream body = client.getObject(b -> b.bucket("datalake").key("trades/" + key))) {
                received = drainCountingZeros(body);
            }
            assertEquals(ONE_GIB, received);
            assertTrue(server.isAlive(), "the server survived: " + Files.readString(log));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Reads everything, checking the bytes are the sparse file's zeros. */
    private static long drainCountingZeros(InputStream body) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = body.read(buffer)) > 0; total += n) {
            for (int i = 0; i < n; i += 4096) {
                assertEquals(0, buffer[i]);
            }
        }
        return total;
    }

    private static void awaitPort(int port, Process server, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(server.isAlive(), "server exited: " + Files.readString(log));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server did not listen: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String dataFileUnder(Path table, String partition) throws IOException {
        try (Stream<Path> walk = Files.walk(table.resolve(partition))) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
            return table.relativize(files.getFirst()).toString();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
