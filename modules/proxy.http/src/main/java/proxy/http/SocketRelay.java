package proxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Copies one admitted client connection to and from the JDK server on loopback until either side ends. The
 * server's answer is copied on a second virtual thread; when the server closes, the client is closed too, and when
 * the client stops sending, the server sees the end of its input and finishes what it is answering. A reset (or any
 * failure) on one side resets the other, so a client sees a connection the server aborted as aborted, not as a
 * clean end. Buffers are
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
                if (copy(server, client, DOWN_BUFFER)) {
                    closeBoth(client, server);
                }
            });
            if (copy(client, server, UP_BUFFER)) {
                shutdownOutput(server);
            }
            try {
                down.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeBoth(client, server);
            }
        }
    }

    /**
     * Copies until the end of input (returns true) or an error on either socket (resets both, returns false; when
     * the other direction had already closed them, that is a no-op).
     */
    private static boolean copy(Socket from, Socket to, int bufferSize) {
        byte[] buffer = new byte[bufferSize];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            return true;
        } catch (IOException e) {
            reset(from);
            reset(to);
            return false;
        }
    }

    /** Closes with a TCP reset (linger 0) rather than an orderly end. */
    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // Closed meanwhile.
        }
        close(socket);
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
        close(a);
        close(b);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
