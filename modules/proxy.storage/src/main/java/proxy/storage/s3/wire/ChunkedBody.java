package proxy.storage.s3.wire;

import java.io.EOFException;
import java.io.IOException;
import proxy.api.Ascii;

/**
 * A {@code Transfer-Encoding: chunked} body: chunk-size lines of hex digits (extensions after {@code ;} ignored),
 * each chunk followed by CRLF, the last chunk's trailers read and dropped (bounded like a head).
 */
final class ChunkedBody extends ResponseBody {
    private static final int MAX_SIZE_LINE = 4 * 1024;
    private static final int MAX_SIZE_DIGITS = 15;

    private long chunkLeft;
    private boolean afterChunk;

    ChunkedBody(Connection connection, ConnectionPool pool, boolean reusable) {
        super(connection, pool, reusable);
    }

    @Override
    protected int readBody(byte[] target, int offset, int length) throws IOException {
        if (chunkLeft == 0) {
            if (afterChunk && connection.readLine(0) != 0) {
                throw new IOException("chunk of the backend answer not followed by CRLF");
            }
            chunkLeft = chunkSize();
            afterChunk = true;
            if (chunkLeft == 0) {
                dropTrailers();
                return -1;
            }
        }
        int n = connection.read(target, offset, (int) Math.min(length, chunkLeft));
        if (n < 0) {
            throw new EOFException("backend answer ended within a chunk");
        }
        chunkLeft -= n;
        return n;
    }

    private long chunkSize() throws IOException {
        int length = connection.readLine(MAX_SIZE_LINE);
        byte[] line = connection.line();
        long size = 0;
        int i = 0;
        for (int digit; i < length && (digit = Ascii.hexDigit((char) (line[i] & 0xFF))) >= 0; i++) {
            if (i == MAX_SIZE_DIGITS) {
                throw new IOException("chunk size of the backend answer too large");
            }
            size = size * 16 + digit;
        }
        int digits = i;
        while (i < length && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (digits == 0 || (i < length && line[i] != ';') || (i > digits && i == length)) {
            throw new IOException("malformed chunk size line in the backend answer");
        }
        return size;
    }

    private void dropTrailers() throws IOException {
        int budget = ResponseHead.MAX_BYTES;
        for (int lines = 0; ; lines++) {
            int length = connection.readLine(budget);
            if (length == 0) {
                return;
            }
            budget -= length + 2;
            if (lines == ResponseHead.MAX_LINES || budget < 0) {
                throw new IOException("trailers of the backend answer too large");
            }
        }
    }
}
