package proxy.localproxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 client on a raw socket, so tests control every byte the helper receives (a signed
 * {@code Host}, absolute-form request targets) without touching {@code java.net.http} in the test JVM.
 * Requests are sent with {@code Connection: close}.
 */
final class RawHttpClient {

    /** A parsed response; header names lower-cased. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Receives a response body as it streams in. */
    @FunctionalInterface
    interface BodySink {
        void accept(byte[] buffer, int length) throws IOException;
    }

    private RawHttpClient() {
    }

    /** Sends {@code requestLine} with {@code headers} (name, value pairs) and an optional body; buffers the answer. */
    static Response send(int port, String requestLine, List<String> headers, byte[] body) throws IOException {
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        Response head = exchange(port, requestLine, headers, body, (buffer, length) -> collected.write(buffer, 0, length));
        return new Response(head.status(), head.headers(), collected.toByteArray());
    }

    /** Like {@link #send} but streams the body into {@code sink}; the returned response has an empty body. */
    static Response exchange(int port, String requestLine, List<String> headers, byte[] body, BodySink sink)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(requestLine).append("\r\n");
            for (int i = 0; i < headers.size(); i += 2) {
                head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            int status = Integer.parseInt(line(in).split(" ")[1]);
            Map<String, List<String>> responseHeaders = new TreeMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                responseHeaders.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
            Response response = new Response(status, responseHeaders, new byte[0]);
            boolean chunked = response.header("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent();
            if (chunked) {
                readChunked(in, sink);
            } else {
                copy(in, Long.MAX_VALUE, sink);
            }
            return response;
        }
    }

    private static void readChunked(InputStream in, BodySink sink) throws IOException {
        for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
            copy(in, size, sink);
            line(in);
        }
    }

    private static void copy(InputStream in, long limit, BodySink sink) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = limit;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (limit != Long.MAX_VALUE) {
                    throw new IOException("connection closed inside a chunk");
                }
                return;
            }
            sink.accept(buffer, n);
            left -= n;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
