package proxy.storage.s3.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an answer, read from its connection as it arrives. It ends (-1) only where its framing says it
 * does: a stream that stops before that throws, so a short body is never taken for a whole one. Closing a fully
 * read body hands a reusable connection back to the pool; closing it with bytes left reads on for at most
 * {@value #DRAIN_LIMIT} bytes to save the connection, else closes it; {@link #abort()} closes it at once.
 * Read by one thread at a time, as any stream.
 */
abstract sealed class ResponseBody extends InputStream permits FixedLengthBody, ChunkedBody, UntilCloseBody {
    static final int DRAIN_LIMIT = 64 * 1024;

    protected final Connection connection;
    private final ConnectionPool pool;
    private final boolean reusable;
    private boolean ended;
    private boolean closed;

    ResponseBody(Connection connection, ConnectionPool pool, boolean reusable) {
        this.connection = connection;
        this.pool = pool;
        this.reusable = reusable;
    }

    /** Reads body bytes; -1 where the framing ends the body. */
    protected abstract int readBody(byte[] target, int offset, int length) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (closed) {
            throw new IOException("body closed");
        }
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        try {
            int n = readBody(target, offset, length);
            ended = n < 0;
            return n;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        if (!ended && reusable) {
            drain();
        }
        closed = true;
        if (ended && reusable && !connection.hasBuffered()) {
            pool.release(connection);
        } else {
            connection.close();
        }
    }

    /** Closes the connection, whatever is left of the body; idempotent. */
    final void abort() {
        if (!closed) {
            closed = true;
            connection.close();
        }
    }

    private void drain() {
        byte[] skip = new byte[8 * 1024];
        try {
            for (int budget = DRAIN_LIMIT; budget > 0 && !ended; ) {
                int n = readBody(skip, 0, Math.min(skip.length, budget));
                ended = n < 0;
                budget -= Math.max(n, 0);
            }
        } catch (IOException | RuntimeException e) {
            ended = false; // the connection is closed below
        }
    }
}
