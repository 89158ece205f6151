package proxy.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw HTTP/1.1 relay in front of a real S3 server that injects one fault into requests for data files
 * ({@code .parquet} targets) while everything else (the Delta log) passes: a connection reset in the middle of
 * the body, a 500, a 503 SlowDown, no answer at all, or (the first write only) an answer lost after the backend
 * wrote the object. Requests are relayed byte for byte with their {@code Content-Length} bodies (only
 * {@code Connection} is rewritten to close and {@code Expect} dropped, neither signed), so SigV4 signatures still
 * verify upstream.
 */
final class FaultyBackend implements AutoCloseable {
    /** What happens to data-file requests. */
    enum Fault {
        PASS, RESET_MID_BODY, STATUS_500, SLOW_DOWN, HANG,
        /**
         * The first PUT or POST is written upstream and its answer lost (the connection reset); a POST after it
         * (the retried CompleteMultipartUpload) is answered 412, as AWS answers a conditional completion retried
         * after it succeeded (S3Proxy would complete it again).
         */
        LOSE_FIRST_WRITE_ANSWER
    }

    private final URI upstream;
    private final ServerSocket listener;
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.PASS);
    private final AtomicInteger faulted = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    FaultyBackend(URI upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("faulty-backend").start(this::acceptLoop);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Sets the fault for the next data-file requests and resets the count of faulted requests. */
    void fault(Fault next) {
        fault.set(next);
        faulted.set(0);
    }

    /** How many data-file requests got the fault since it was set (the backend's view of client retries). */
    int faulted() {
        return faulted.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            if (head.isEmpty()) {
                return;
            }
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            Fault now = requestLine.contains(".parquet") ? fault.get() : Fault.PASS;
            boolean write = requestLine.startsWith("PUT ") || requestLine.startsWith("POST ");
            if (now == Fault.LOSE_FIRST_WRITE_ANSWER && write && faulted.get() == 1
                    && requestLine.startsWith("POST ")) {
                // S3Proxy completes an upload again; AWS answers a retried conditional completion 412.
                body(client, head);
                error(client.getOutputStream(), 412, "PreconditionFailed", false);
                return;
            }
            if (now == Fault.LOSE_FIRST_WRITE_ANSWER && !(faulted.get() == 0 && write)) {
                now = Fault.PASS;
            }
            if (now != Fault.PASS) {
                faulted.incrementAndGet();
            }
            boolean isHead = requestLine.startsWith("HEAD ");
            switch (now) {
                case PASS, RESET_MID_BODY -> relay(client, head, now == Fault.RESET_MID_BODY);
                case LOSE_FIRST_WRITE_ANSWER -> loseAnswer(client, head);
                case STATUS_500 -> error(client.getOutputStream(), 500, "InternalError", isHead);
                case SLOW_DOWN -> error(client.getOutputStream(), 503, "SlowDown", isHead);
                case HANG -> client.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            // the client went away or the relay was reset on purpose
        } finally {
            open.remove(client);
        }
    }

    /** Relays the request, lets the backend answer in full, then resets the client without a byte of it. */
    private void loseAnswer(Socket client, String head) throws IOException {
        try (var backend = new Socket(upstream.getHost(), upstream.getPort())) {
            forward(client, head, backend);
            backend.getInputStream().transferTo(OutputStream.nullOutputStream());
            client.setSoLinger(true, 0);
        }
    }

    /** Sends the request head and its {@code Content-Length} body on to the backend. */
    private static void forward(Socket client, String head, Socket backend) throws IOException {
        OutputStream out = backend.getOutputStream();
        out.write(closing(head).getBytes(StandardCharsets.ISO_8859_1));
        out.write(body(client, head));
        out.flush();
    }

    /** The request's {@code Content-Length} body (after a {@code 100 Continue} when the client expects one). */
    private static byte[] body(Socket client, String head) throws IOException {
        long length = head.startsWith("GET ") || head.startsWith("HEAD ") ? 0 : contentLength(head, 0);
        if (head.toLowerCase(Locale.ROOT).contains("\r\nexpect: 100-continue")) {
            client.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
        }
        return client.getInputStream().readNBytes(Math.toIntExact(length));
    }

    private void relay(Socket client, String head, boolean reset) throws IOException {
        try (var backend = new Socket(upstream.getHost(), upstream.getPort())) {
            forward(client, head, backend);
            InputStream in = backend.getInputStream();
            String responseHead = readHead(in);
            OutputStream out = client.getOutputStream();
            out.write(closing(responseHead).getBytes(StandardCharsets.ISO_8859_1));
            if (!reset) {
                in.transferTo(out);
                out.flush();
                return;
            }
            long length = contentLength(responseHead, 2);
            out.write(in.readNBytes((int) Math.max(1, length / 2)));
            out.flush();
            client.setSoLinger(true, 0);
        }
    }

    private static long contentLength(String head, long otherwise) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return otherwise;
    }

    private static void error(OutputStream out, int status, String code, boolean isHead) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                + "</Code><Message>injected</Message><RequestId>F</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Injected\r\nContent-Type: application/xml\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!isHead) {
            out.write(body);
        }
        out.flush();
    }

    /** The head with any Connection/Keep-Alive header replaced by {@code Connection: close}. */
    private static String closing(String head) {
        var sb = new StringBuilder();
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:") && !lower.startsWith("expect:")
                    && !line.isEmpty()) {
                sb.append(line).append("\r\n");
            }
        }
        return sb.append("Connection: close\r\n\r\n").toString();
    }

    /** Reads up to and including the empty line; "" when the peer closed first. */
    private static String readHead(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            bytes.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return matched < 4 ? "" : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
