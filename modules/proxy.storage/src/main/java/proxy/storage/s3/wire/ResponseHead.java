package proxy.storage.s3.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The status line and headers of an answer, parsed strictly: {@code HTTP/1.0} or {@code HTTP/1.1}, a three-digit
 * status from 100 (an interim answer, which the client skips), lines ending in CRLF, header
 * names that are tokens directly followed by a colon, no obs-fold, no control characters but tab in values, at
 * most {@value #MAX_LINES} header lines and {@value #MAX_BYTES} bytes in all. Lookups ignore case.
 */
final class ResponseHead {
    static final int MAX_LINES = 200;
    static final int MAX_BYTES = 64 * 1024;

    private final boolean http11;
    private final int status;
    private String[] names = new String[16];
    private String[] values = new String[16];
    private int count;

    private ResponseHead(boolean http11, int status) {
        this.http11 = http11;
        this.status = status;
    }

    /** Reads the head from {@code connection}, which is left at the first byte of the body. */
    static ResponseHead read(Connection connection) throws IOException {
        int length = connection.readLine(MAX_BYTES);
        int budget = MAX_BYTES - length;
        ResponseHead head = statusLine(connection.line(), length);
        while (true) {
            length = connection.readLine(budget);
            if (length == 0) {
                return head;
            }
            budget -= length + 2;
            if (head.count == MAX_LINES || budget < 0) {
                throw new IOException("backend answer head over " + MAX_LINES + " lines or " + MAX_BYTES + " bytes");
            }
            head.add(connection.line(), length);
        }
    }

    int status() {
        return status;
    }

    /** The first value of the header {@code name}, or null. */
    String header(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** How many times the header {@code name} occurs. */
    int occurrences(String name) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    /** Whether the server lets the connection be used again: HTTP/1.1 without {@code close}, or HTTP/1.0 with
     * {@code keep-alive}. */
    boolean keepAlive() {
        boolean close = false;
        boolean keepAlive = false;
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase("Connection")) {
                for (String option : values[i].split(",")) {
                    String o = option.strip().toLowerCase(Locale.ROOT);
                    close |= o.equals("close");
                    keepAlive |= o.equals("keep-alive");
                }
            }
        }
        return !close && (http11 || keepAlive);
    }

    private static ResponseHead statusLine(byte[] line, int length) throws IOException {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (length < 12 || !startsWith(line, "HTTP/1.") || (line[7] != '0' && line[7] != '1') || line[8] != ' '
                || !digit(line[9]) || !digit(line[10]) || !digit(line[11]) || (length > 12 && line[12] != ' ')) {
            throw new IOException("malformed status line from the backend");
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        if (status < 100) {
            throw new IOException("unexpected status " + status + " from the backend");
        }
        for (int i = 13; i < length; i++) {
            if (!text(line[i])) {
                throw new IOException("control character in the backend's status line");
            }
        }
        return new ResponseHead(line[7] == '1', status);
    }

    private void add(byte[] line, int length) throws IOException {
        int colon = 0;
        while (colon < length && Tokens.isTokenChar(line[colon])) {
            colon++;
        }
        if (colon == 0 || colon == length || line[colon] != ':') {
            throw new IOException(line[0] == ' ' || line[0] == '\t' ? "obs-fold in the backend answer"
                    : "malformed header line in the backend answer");
        }
        int start = colon + 1;
        int end = length;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (!text(line[i])) {
                throw new IOException("control character in a header of the backend answer");
            }
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        names[count] = new String(line, 0, colon, StandardCharsets.ISO_8859_1);
        values[count] = new String(line, start, end - start, StandardCharsets.ISO_8859_1);
        count++;
    }

    private static boolean startsWith(byte[] line, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Visible Latin-1, space or tab. */
    private static boolean text(byte b) {
        int c = b & 0xFF;
        return c == '\t' || (c >= ' ' && c != 0x7F);
    }
}
