package proxy.storage.s3.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One open connection to an origin: the socket, a read buffer the answer head is parsed from, and the request
 * buffer it is written from. A body read asking for at least a buffer's worth, with nothing buffered, goes
 * straight from the socket into the caller's array (no copy for large bodies). Used by one exchange at a time.
 */
final class Connection {
    private static final int BUFFER = 16 * 1024;

    private final Origin origin;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private final RequestHead request = new RequestHead();
    private byte[] line = new byte[256];
    private int position;
    private int limit;
    private int exchanges;
    private long idleSince;

    Connection(Origin origin, Socket socket) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    Origin origin() {
        return origin;
    }

    /** The request buffer, to be filled and then {@link #send() sent}. */
    RequestHead request() {
        return request;
    }

    /** Writes the request buffer in one write; counts the exchange. */
    void send() throws IOException {
        exchanges++;
        out.write(request.bytes(), 0, request.length());
    }

    /** Whether this connection served an exchange before the current one (a kept-alive one). */
    boolean reused() {
        return exchanges > 1;
    }

    /** The next byte without consuming it; -1 at the end of the stream. */
    int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    /** Whether bytes are buffered that no answer has claimed (a connection with those cannot be reused). */
    boolean hasBuffered() {
        return position < limit;
    }

    /** Reads up to {@code length} bytes; -1 at the end of the stream. */
    int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= BUFFER) {
                return in.read(target, offset, length);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /**
     * Reads one line ending in CRLF into {@link #line()} and returns its length without the CRLF.
     *
     * @param maxLength the longest line accepted
     * @throws IOException at the end of the stream, on a bare CR or LF, a NUL, or a line over {@code maxLength}
     */
    int readLine(int maxLength) throws IOException {
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                throw new java.io.EOFException("backend answer ended within a line");
            }
            byte b = buffer[position++];
            if (b == '\r') {
                if (peek() != '\n') {
                    throw new IOException("bare CR in the backend answer");
                }
                position++;
                return length;
            }
            if (b == '\n' || b == 0) {
                throw new IOException((b == 0 ? "NUL" : "bare LF") + " in the backend answer");
            }
            if (length == maxLength) {
                throw new IOException("line of the backend answer longer than " + maxLength + " bytes");
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(maxLength, line.length * 2));
            }
            line[length++] = b;
        }
    }

    /** The bytes of the last line read. */
    byte[] line() {
        return line;
    }

    void markIdle(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    /** Closes the socket; idempotent. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, BUFFER);
        if (n <= 0) {
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
