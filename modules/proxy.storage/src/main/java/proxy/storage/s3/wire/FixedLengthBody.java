package proxy.storage.s3.wire;

import java.io.EOFException;
import java.io.IOException;

/** A body of {@code Content-Length} bytes. */
final class FixedLengthBody extends ResponseBody {
    private long remaining;

    FixedLengthBody(Connection connection, ConnectionPool pool, boolean reusable, long length) {
        super(connection, pool, reusable);
        this.remaining = length;
    }

    @Override
    protected int readBody(byte[] target, int offset, int length) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = connection.read(target, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("backend answer ended " + remaining + " bytes before its Content-Length");
        }
        remaining -= n;
        return n;
    }
}
