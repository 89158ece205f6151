package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class S3ServerLifecycleTest {

    /**
     * Sends a request after stop began; the kernel may still complete the handshake (the JDK closes the listening
     * channel lazily) but the server must never answer: -1 for EOF, reset or refusal, else the first byte.
     */
    private static CompletableFuture<Integer> lateRequest(int port) throws InterruptedException {
        var answer = CompletableFuture.supplyAsync(() -> {
            try (var socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                return socket.getInputStream().read();
            } catch (IOException refusedOrReset) {
                return -1;
            }
        });
        Thread.sleep(200);
        assertTrue(!answer.isDone() || answer.join() == -1, "answered while stopping");
        return answer;
    }

    @Test
    void portIsBoundOnStartAndPortZeroPicksAFreeOne() {
        try (var server = new TestServer()) {
            assertTrue(server.server.port() > 0);
            assertThrows(IllegalStateException.class, server.server::start);
        }
    }

    @Test
    void stopRefusesNewConnectionsAndLetsInFlightRequestsFinish() throws Exception {
        var bytes = new byte[500_000];
        new Random(5).nextBytes(bytes);
        var gate = new CountDownLatch(1);
        try (var server = new TestServer()) {
            int port = server.server.port();
            server.trades.put("slow.parquet", bytes).holdBodiesUntil(gate);
            var inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.raw("GET", "/datalake/trades/slow.parquet");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            while (!server.trades.calls.contains("get slow.parquet")) {
                Thread.sleep(5);
            }
            long started = System.nanoTime();
            var stopping = CompletableFuture.runAsync(() -> server.server.stop(Duration.ofSeconds(10)));
            Thread.sleep(300);
            var lateAnswer = lateRequest(port);
            gate.countDown();
            var response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.status());
            assertArrayEquals(bytes, response.body());
            stopping.get(10, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8), "stop waited for the grace");
            assertEquals(-1, lateAnswer.get(20, TimeUnit.SECONDS), "a connection made after stop began must not be served");
        }
    }

    @Test
    void stopWithNothingInFlightReturnsAtOnceThoughAConnectionIsHalfwayThroughARequestHead() throws Exception {
        try (var server = new TestServer(); var socket = new Socket("127.0.0.1", server.server.port())) {
            socket.getOutputStream().write("GET /datalake/trades/x HTTP/1.1\r\nHost: x\r\n".getBytes());
            socket.getOutputStream().flush();
            Thread.sleep(300);
            assertStopsWithin(server, Duration.ofSeconds(2));
        }
    }

    @Test
    void stopAfterAResponseTheClientAbandonedReturnsAtOnce() throws Exception {
        var bytes = new byte[8_000_000];
        try (var server = new TestServer()) {
            server.trades.put("big.parquet", bytes);
            try (var socket = new Socket("127.0.0.1", server.server.port())) {
                socket.setReceiveBufferSize(4096);
                socket.getOutputStream().write(("GET /datalake/trades/big.parquet HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes());
                socket.getInputStream().readNBytes(1000);
                socket.setSoLinger(true, 0);
            }
            for (int i = 0; i < 500 && server.audited.isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertEquals(1, server.audited.size(), "the abandoned response ended");
            assertStopsWithin(server, Duration.ofSeconds(2));
        }
    }

    private static void assertStopsWithin(TestServer server, Duration limit) {
        long started = System.nanoTime();
        server.server.stop(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < limit.toMillis(), "nothing in flight, yet stop took " + millis + " ms");
    }
}
