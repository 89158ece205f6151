package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import proxy.api.config.ConnectionLimits;

/** The S3 endpoint's connection limits, on real loopback sockets. */
class ConnectionGuardTest {
    private static final int PER_ADDRESS = 8;

    private final TestServer server = new TestServer(b -> b.connections(new ConnectionLimits(PER_ADDRESS, 1, 64)));
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    private Socket connect() throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.server.port()), 2_000);
        sockets.add(socket);
        return socket;
    }

    /** Milliseconds until the server closed the connection, or -1 if it is still open after {@code waitMillis}. */
    private static long closedWithin(Socket socket, int waitMillis) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(waitMillis);
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "the server sent bytes to a silent connection");
        } catch (SocketTimeoutException open) {
            return -1;
        } catch (SocketException reset) {
            // closed
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static int status(Socket socket) throws IOException {
        socket.getOutputStream().write(("HEAD /datalake/trades/a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.isEmpty() ? -1 : Integer.parseInt(head.substring(9, 12));
    }

    @Test
    void aSilentConnectionIsClosedAfterTheFirstByteTimeout() throws IOException {
        Socket silent = connect();
        long millis = closedWithin(silent, 4_000);
        assertTrue(millis >= 800 && millis < 3_000, "closed after " + millis + " ms");
    }

    @Test
    void silentConnectionsBeyondTheAddressLimitMakeRoomForOnesThatTalk() throws Exception {
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS * 2; i++) {
            silent.add(connect());
        }
        Socket talking = connect();
        assertEquals(404, status(talking), "a client that talks is served");
        for (int i = 0; i <= PER_ADDRESS; i++) {
            assertTrue(closedWithin(silent.get(i), 300) >= 0, "silent connection " + i + " still open");
        }
        assertTrue(server.server.connections() <= PER_ADDRESS, server.server.connections() + " connections held");
    }

    @Test
    void connectionsThatTalkAreNeverClosedForNewOnesSoTheAddressLimitRefusesTheNewOne() throws Exception {
        List<Socket> active = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++) {
            Socket s = connect();
            assertEquals(404, status(s));
            active.add(s);
        }
        Socket extra = connect();
        assertTrue(closedWithin(extra, 2_000) >= 0, "the connection over the limit was kept");
        for (Socket s : active) {
            assertEquals(404, status(s), "kept-alive connections still served");
        }
    }
}
