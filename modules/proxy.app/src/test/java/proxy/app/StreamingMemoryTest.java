package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.testkit.TestS3Clients;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Proxy mode streams: the proxy, running in a JVM whose whole heap is 48 MiB (and which exits on
 * OutOfMemoryError, as the shipped options say), serves a 1 GiB object to the AWS SDK byte for byte. Buffering the
 * object would need 20 times that heap.
 */
class StreamingMemoryTest {
    @TempDir
    Path dir;

    @Test
    void oneGibObjectStreamsThroughA48MibHeap() throws Exception {
        try (ServerJvm server = ServerJvm.start(dir, "", true, "-Xmx48m");
             S3Client client = TestS3Clients.pathStyle(URI.create("http://127.0.0.1:" + server.port), "us-east-1",
                     "AKIAANYONE000000001", "auth mode none ignores it")) {
            long received;
            try (InputStream body = client.getObject(b -> b.bucket("datalake").key(server.dataKey))) {
                received = drainCountingZeros(body);
            }
            assertEquals(ServerJvm.ONE_GIB, received);
            assertTrue(server.process.isAlive(), "the server survived: " + server.output());
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
}
