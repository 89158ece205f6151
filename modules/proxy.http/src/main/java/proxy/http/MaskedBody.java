package proxy.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import proxy.api.policy.ReadableBytes;

/**
 * The body of a ranged read of a partly readable object: the bytes as the store sends them inside the readable
 * runs, zero everywhere else. The length is unchanged, so the response is the range the client asked for. Not
 * thread-safe.
 */
final class MaskedBody extends FilterInputStream {
    private final List<ReadableBytes.Run> runs;
    private long position;

    /**
     * @param body  the store's body, starting at {@code first}; closed with this stream
     * @param first the object position of the body's first byte
     * @param runs  the readable runs, sorted and disjoint
     */
    MaskedBody(InputStream body, long first, List<ReadableBytes.Run> runs) {
        super(Objects.requireNonNull(body, "body"));
        this.position = first;
        this.runs = List.copyOf(runs);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            return b;
        }
        boolean readable = covered(position);
        position++;
        return readable ? b : 0;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            mask(buf, off, n);
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        position += Math.max(0, skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Zeroes the bytes {@code buf[off..off+n)}, at object positions from {@link #position}, outside every run. */
    private void mask(byte[] buf, int off, int n) {
        long from = position;
        long to = position + n;
        long cursor = from;
        for (ReadableBytes.Run run : runs) {
            if (run.end() <= cursor) {
                continue;
            }
            if (run.first() >= to) {
                break;
            }
            if (run.first() > cursor) {
                Arrays.fill(buf, off + (int) (cursor - from), off + (int) (run.first() - from), (byte) 0);
            }
            cursor = Math.min(to, run.end());
        }
        if (cursor < to) {
            Arrays.fill(buf, off + (int) (cursor - from), off + n, (byte) 0);
        }
    }

    private boolean covered(long at) {
        for (ReadableBytes.Run run : runs) {
            if (run.first() <= at && at < run.end()) {
                return true;
            }
        }
        return false;
    }
}
