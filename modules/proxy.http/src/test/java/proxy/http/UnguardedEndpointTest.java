package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import proxy.api.config.ConnectionLimits;

/**
 * {@code connections.guard: false}: the JDK server holds the public port itself, so none of the guard's limits apply
 * (the counterpart of {@link ConnectionGuardTest}, with the same limits configured).
 */
class UnguardedEndpointTest {
    private static final int PER_ADDRESS = 8;

    private final TestServer server = new TestServer(
            b -> b.connections(new ConnectionLimits(PER_ADDRESS, 1, 64, false)));
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
    void theHttpServerHoldsThePublicPortAndNoConnectionIsCountedOrCut() throws Exception {
        assertFalse(server.server.guarded(), "a guard was started");
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS * 2; i++) {
            silent.add(connect());
        }
        Thread.sleep(2_000); // twice the first-byte timeout the guard would apply
        for (Socket s : silent) {
            s.setSoTimeout(100);
            try {
                s.getInputStream().read();
                throw new AssertionError("a silent connection was closed");
            } catch (SocketTimeoutException open) {
                // still open, as expected
            }
        }
        for (Socket s : silent) {
            assertEquals(404, status(s), "every connection beyond the address limit is served");
        }
        assertEquals(0, server.server.connections());
    }

    @Test
    void theGuardIsOnByDefault() {
        try (var guarded = new TestServer(b -> b)) {
            assertTrue(guarded.server.guarded());
        }
    }
}
