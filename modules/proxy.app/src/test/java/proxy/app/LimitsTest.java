package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server limits of {@code jlink/jvm.options} and the {@code connections} limits, against the real
 * {@code serve} JVM started with that file. The time limits are shortened to keep the test fast (2 s request time and
 * first-byte timeout, 2 s idle interval, idle checks every 250 ms, 64 connections); the size limits are the shipped
 * ones. The JDK answers a head over a size limit by closing the connection without any response (no 431), so that is
 * what is asserted.
 */
class LimitsTest {
    private static final int MAX_CONNECTIONS = 64;

    @TempDir
    static Path dir;

    private static ServerJvm server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerJvm.start(dir, "\"connections\": {\"max\": " + MAX_CONNECTIONS
                        + ", \"firstByteTimeoutSeconds\": 2},", false, "-Dsun.net.httpserver.maxReqTime=2",
                "-Dsun.net.httpserver.idleInterval=2", "-Dsun.net.httpserver.clockTick=250");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void shippedOptionsSetTheLimitsUnderTheNamesJdk25Reads() throws IOException {
        List<String> lines = Files.readAllLines(ServerJvm.shippedOptions());
        for (String expected : List.of("-Dsun.net.httpserver.maxReqHeaders=100",
                "-Dsun.net.httpserver.maxReqHeaderSize=65536", "-Dsun.net.httpserver.maxReqTime=10",
                "-Dsun.net.httpserver.idleInterval=15", "-Dsun.net.httpserver.clockTick=5000",
                "-Dsun.net.httpserver.maxIdleConnections=1024", "-Dsun.net.httpserver.nodelay=true")) {
            assertTrue(lines.contains(expected), expected);
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("-Dsun.net.httpserver.maxRspTime")),
                "responses must not be time-limited: large objects stream for minutes");
        assertTrue(lines.stream().noneMatch(l -> l.contains("httpserver.maxConnections")),
                "connections are limited by the connections config keys, in front of the JDK server");
    }

    @Test
    void headerSectionOverTheSizeLimitIsCutWithoutResponse() throws IOException {
        assertEquals(200, statusWithHeaders(List.of("X-Pad: " + "a".repeat(60_000))), "just under 64 KiB passes");
        assertNull(statusWithHeaders(List.of("X-Pad: " + "a".repeat(70_000))));
        assertNull(statusWithHeaders(List.of("X-Pad-1: " + "a".repeat(40_000), "X-Pad-2: " + "a".repeat(40_000))));
        assertEquals(200, server.headOnce(), "the server stays healthy");
    }

    @Test
    void moreThanMaxReqHeadersHeadersAreCutWithoutResponse() throws IOException {
        assertEquals(200, statusWithHeaders(headers(98)), "Host, Connection and 98 more: exactly 100");
        assertNull(statusWithHeaders(headers(99)));
        assertEquals(200, server.headOnce(), "the server stays healthy");
    }

    @Test
    void slowLorisConnectionsAreCutAfterMaxReqTimeWhileOthersAreServed() throws Exception {
        int loris = 50;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> cut = new ArrayList<>();
            for (int i = 0; i < loris; i++) {
                cut.add(pool.submit(LimitsTest::slowLoris));
            }
            Thread.sleep(500);
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertEquals(200, server.headOnce());
                worst = Math.max(worst, System.nanoTime() - start);
                Thread.sleep(50);
            }
            assertTrue(worst < 1_000_000_000L, "a normal request took " + worst / 1_000_000 + " ms");
            for (Future<Long> f : cut) {
                long millis = f.get();
                assertTrue(millis >= 1_900 && millis < 4_000, "slow-loris cut after " + millis + " ms");
            }
        }
        assertEquals(200, server.headOnce());
    }

    /** Sends a request head one byte a second; returns the milliseconds until the server closed the connection. */
    private static long slowLoris() throws IOException, InterruptedException {
        byte[] head = ("GET /datalake/" + server.dataKey + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                + "a".repeat(100) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (Socket socket = server.connect()) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout(100);
            for (byte b : head) {
                try {
                    out.write(b);
                    out.flush();
                } catch (SocketException closed) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                long until = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < until) {
                    try {
                        if (socket.getInputStream().read() < 0) {
                            return (System.nanoTime() - start) / 1_000_000;
                        }
                        throw new AssertionError("the server answered a slow-loris request");
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        continue;
                    } catch (SocketException reset) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                }
            }
            throw new AssertionError("a slow-loris client sent its whole request");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterIdleInterval() throws IOException {
        try (Socket socket = server.connect()) {
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                ServerJvm.send(socket, "HEAD /datalake/" + server.dataKey + " HTTP/1.1\r\nHost: 127.0.0.1");
                assertEquals(200, ServerJvm.status(ServerJvm.readHead(in)), "kept alive between requests");
            }
            long idleSince = System.nanoTime();
            assertEquals(-1, in.read());
            long millis = (System.nanoTime() - idleSince) / 1_000_000;
            assertTrue(millis >= 1_900 && millis < 4_000, "idle connection closed after " + millis + " ms");
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheFirstByteTimeout() throws IOException {
        try (Socket socket = server.connect()) {
            long start = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1_900 && millis < 4_000, "silent connection closed after " + millis + " ms");
        }
    }

    @Test
    void silentConnectionsMakeRoomWhenFullButConnectionsThatTalkDoNot() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                held.add(server.connect());
            }
            Thread.sleep(300);
            assertEquals(200, statusWithHeaders(List.of()), "full of silent connections: the oldest makes room");
            held.getFirst().setSoTimeout(1_000);
            assertEquals(-1, held.getFirst().getInputStream().read(), "the oldest silent connection was closed");
            for (Socket s : held) {
                s.close();
            }
            held.clear();
            // The guard notices the closes asynchronously; until it has, it still counts them and would make room
            // for the new connections by closing the oldest one it has not yet seen talk.
            Thread.sleep(500);
            for (int i = 0; i < MAX_CONNECTIONS; i++) { // all sent before any is read: well within the idle interval
                Socket s = server.connect();
                held.add(s);
                ServerJvm.send(s, "HEAD /datalake/" + server.dataKey + " HTTP/1.1\r\nHost: 127.0.0.1");
            }
            for (Socket s : held) {
                assertEquals(200, ServerJvm.status(ServerJvm.readHead(s.getInputStream())));
            }
            assertNull(statusWithHeaders(List.of()), "full of connections that talk: closed without response");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        Thread.sleep(300);
        assertEquals(200, server.headOnce(), "connections are accepted again once others closed");
    }

    private static List<String> headers(int count) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            headers.add("X-H-" + i + ": v");
        }
        return headers;
    }

    /** A {@code Connection: close} HEAD with extra headers: its status, or null when cut without a response. */
    private static Integer statusWithHeaders(List<String> extra) throws IOException {
        try (Socket socket = server.connect()) {
            String head = "HEAD /datalake/" + server.dataKey + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + String.join("\r\n", extra);
            try {
                ServerJvm.send(socket, head);
            } catch (SocketException cutWhileSending) {
                return null;
            }
            String response = readHeadOrNull(socket.getInputStream());
            return response == null ? null : ServerJvm.status(response);
        }
    }

    private static String readHeadOrNull(InputStream in) throws IOException {
        try {
            return ServerJvm.readHead(in);
        } catch (SocketException reset) {
            return null;
        }
    }
}
