package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM ({@code Process.destroy()} on Linux) to the real {@code serve} JVM while a 1 GiB GET is in flight: the
 * listener closes at once, the response completes (or, past {@code shutdownGraceSeconds}, is cut), and the process
 * exits 0 either way; with nothing in flight it exits at once.
 */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void inFlightResponseCompletesAndTheProcessExitsZero() throws Exception {
        try (ServerJvm server = ServerJvm.start(dir, "\"shutdownGraceSeconds\": 20,", true)) {
            try (Socket socket = server.connect()) {
                InputStream body = startGet(server, socket);
                long received = read(body, 1 << 20);
                server.process.destroy();
                assertRefusedSoon(server);
                Thread.sleep(1_000);
                assertTrue(server.process.isAlive(), "still finishing the in-flight response");
                received += read(body, Long.MAX_VALUE);
                assertEquals(ServerJvm.ONE_GIB, received, "the whole object arrived");
            }
            assertTrue(server.process.waitFor(10, TimeUnit.SECONDS), "exits once the last response is done");
            assertEquals(0, server.process.exitValue(), server.output());
            assertTrue(server.output().contains("stopped"), server.output());
        }
    }

    @Test
    void responseOutlivingTheGraceIsCutAndTheProcessStillExitsZero() throws Exception {
        try (ServerJvm server = ServerJvm.start(dir, "\"shutdownGraceSeconds\": 2,", true)) {
            try (Socket socket = server.connect()) {
                InputStream body = startGet(server, socket);
                long received = read(body, 1 << 20);
                long signalled = System.nanoTime();
                server.process.destroy();
                assertRefusedSoon(server);
                assertTrue(server.process.waitFor(15, TimeUnit.SECONDS), "exits after the grace");
                long millis = (System.nanoTime() - signalled) / 1_000_000;
                assertTrue(millis >= 1_900, "waited out the grace, exited after " + millis + " ms");
                assertEquals(0, server.process.exitValue(), server.output());
                try {
                    received += read(body, Long.MAX_VALUE);
                } catch (IOException reset) {
                    // the connection was closed under the client: what remains in the socket buffers is all
                }
                assertTrue(received < ServerJvm.ONE_GIB, "the response was cut: " + received);
            }
        }
    }

    /**
     * Nothing in flight, only a connection that has sent part of a request head (a client's pool, a probe): the
     * JDK server alone would wait out the whole grace for it.
     */
    @Test
    void sigtermRightAfterStartWithNothingInFlightExitsAtOnce() throws Exception {
        try (ServerJvm server = ServerJvm.start(dir, "\"shutdownGraceSeconds\": 20,", false);
             Socket pending = server.connect()) {
            pending.getOutputStream().write("GET /datalake/ HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            pending.getOutputStream().flush();
            Thread.sleep(200);
            long signalled = System.nanoTime();
            server.process.destroy();
            assertTrue(server.process.waitFor(15, TimeUnit.SECONDS), "exits");
            long millis = (System.nanoTime() - signalled) / 1_000_000;
            assertEquals(0, server.process.exitValue(), server.output());
            assertTrue(millis < 3_000, "nothing in flight, yet exited only after " + millis + " ms");
        }
    }

    private static InputStream startGet(ServerJvm server, Socket socket) throws IOException {
        ServerJvm.send(socket, "GET /datalake/" + server.dataKey + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close");
        InputStream in = socket.getInputStream();
        String head = ServerJvm.readHead(in);
        assertEquals(200, ServerJvm.status(head), head);
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("content-length: " + ServerJvm.ONE_GIB), head);
        return in;
    }

    /** New connections are refused within 2 s of the signal. */
    private static void assertRefusedSoon(ServerJvm server) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", server.port)) {
                Thread.sleep(20);
            } catch (IOException refused) {
                assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", server.port).close());
                return;
            }
        }
        throw new AssertionError("still accepting connections 2 s after SIGTERM");
    }

    private static long read(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
