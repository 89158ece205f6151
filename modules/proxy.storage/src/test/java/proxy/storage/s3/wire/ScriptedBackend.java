package proxy.storage.s3.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP peer for the client's tests: it counts accepted connections, records each request head and
 * answers with whatever bytes the script writes, so framing, reuse and hostile answers are under the test's
 * control. Each connection is served by its own thread; the script returns whether to keep the connection open.
 */
final class ScriptedBackend implements AutoCloseable {

    /** Writes the answer to request {@code request} (0-based, per connection) of connection {@code connection}. */
    interface Script {
        boolean answer(int connection, int request, String head, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger accepts = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedBackend(Script script) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    ScriptedBackend(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        Thread.ofPlatform().daemon().start(this::acceptLoop);
    }

    /** The answer the script writes most: status 200, these headers, this body. */
    static boolean ok(OutputStream out, String headers, String body) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\n" + headers + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    Origin origin() {
        return new Origin(false, "127.0.0.1", server.getLocalPort());
    }

    int port() {
        return server.getLocalPort();
    }

    int accepts() {
        return accepts.get();
    }

    List<String> requests() {
        return requests;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int connection = accepts.getAndIncrement();
                Thread.ofPlatform().daemon().start(() -> serve(socket, connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = socket.getInputStream();
            for (int request = 0; ; request++) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.add(head);
                if (!script.answer(connection, request, head, socket.getOutputStream())) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) != -1; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }
}
