package proxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Copies one admitted client connection to and from the JDK server on loopback until either side ends. The
 * server's answer is copied on a second virtual thread; when the server closes, the client is closed too, and when
 * the client stops sending, the server sees the end of its input and finishes what it is answering. Buffers are
 * small (4 KiB per read of a request, 16 KiB per read of an answer) and live only while the connection does.
 */
final class SocketRelay {
    private static final int UP_BUFFER = 4 * 1024;
    private static final int DOWN_BUFFER = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private SocketRelay() {
    }

    /**
     * Relays {@code client} to {@code target}, starting with the {@code length} bytes already read into
     * {@code first}. Returns when both directions have ended; closes the server side, not {@code client}.
     */
    static void relay(Socket client, InetSocketAddress target, byte[] first, int length) throws IOException {
        try (var server = new Socket()) {
            server.setTcpNoDelay(true);
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
            OutputStream toServer = server.getOutputStream();
            toServer.write(first, 0, length);
            toServer.flush();
            Thread down = Thread.ofVirtual().name("s3-conn-down").start(() -> {
                copy(server, client, DOWN_BUFFER);
                closeBoth(client, server);
            });
            copy(client, server, UP_BUFFER);
            shutdownOutput(server);
            try {
                down.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeBoth(client, server);
            }
        }
    }

    /** Copies until the end of input or an error on either socket. */
    private static void copy(Socket from, Socket to, int bufferSize) {
        byte[] buffer = new byte[bufferSize];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            closeBoth(from, to);
        }
    }

    private static void shutdownOutput(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // Already closed by the other direction.
        }
    }

    private static void closeBoth(Socket a, Socket b) {
        for (Socket s : new Socket[] {a, b}) {
            try {
                s.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }
}
