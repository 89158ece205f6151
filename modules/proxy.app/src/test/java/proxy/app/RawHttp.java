package proxy.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw HTTP/1.1 exchange over a socket: the request bytes go on the wire exactly as given (nothing normalises the
 * target), the response is read until the connection closes ({@code Connection: close} is always sent).
 */
final class RawHttp {
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private RawHttp() {
    }

    /** A response as read from the wire. */
    record Response(int status, Map<String, String> headers, byte[] body, boolean complete) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The S3 error code of the XML body, if any. */
        Optional<String> code() {
            Matcher m = CODE.matcher(text());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** Whether our handler answered (it always sends a request id); the JDK's own errors do not. */
        boolean fromProxy() {
            return headers.containsKey("x-amz-request-id");
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * Sends {@code head} (request line and headers, each line ending CRLF, without the final empty line) and
     * reads the answer. {@code headRequest} says not to expect a body.
     */
    static Response exchange(int port, byte[] head, boolean headRequest) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(head);
            out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream(), headRequest);
        }
    }

    static Response read(InputStream in, boolean headRequest) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        var headers = new LinkedHashMap<String, String>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        if (headRequest || status == 304 || status == 204) {
            return new Response(status, headers, new byte[0], true);
        }
        var body = new ByteArrayOutputStream();
        boolean complete;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            complete = chunked(in, body);
        } else if (headers.containsKey("content-length")) {
            long length = Long.parseLong(headers.get("content-length"));
            complete = copy(in, body, length) == length;
        } else {
            in.transferTo(body);
            complete = true;
        }
        return new Response(status, headers, body.toByteArray(), complete);
    }

    private static boolean chunked(InputStream in, ByteArrayOutputStream body) throws IOException {
        try {
            while (true) {
                String size = line(in);
                int length = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (length == 0) {
                    line(in);
                    return true;
                }
                if (copy(in, body, length) < length) {
                    return false;
                }
                line(in);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long copy(InputStream in, ByteArrayOutputStream out, long length) {
        long done = 0;
        var buffer = new byte[8192];
        try {
            while (done < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - done));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                done += n;
            }
        } catch (IOException e) {
            return done;
        }
        return done;
    }

    private static String line(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            bytes.write(b);
        }
        if (b < 0 && bytes.size() == 0) {
            throw new NoAnswer();
        }
        String s = bytes.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** The server closed the connection in order before a status line: closed without an answer. */
    static final class NoAnswer extends IOException {
        NoAnswer() {
            super("connection closed");
        }
    }
}
