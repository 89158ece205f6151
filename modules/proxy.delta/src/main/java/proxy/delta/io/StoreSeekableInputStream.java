package proxy.delta.io;

import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectStore;

/**
 * A seekable stream over ranged GETs: sequential reads share one open body from the current position; a seek
 * to elsewhere closes it and the next read opens a new range. {@link #readFully} asks for exactly the bytes it
 * needs, which is what Parquet footers and column chunks use. Not thread-safe (Kernel reads a stream from one
 * thread).
 */
final class StoreSeekableInputStream extends SeekableInputStream {
    private final ObjectStore store;
    private final String key;
    private final long length;
    private long pos;
    private ObjectContent open;
    private long openPos = -1;

    StoreSeekableInputStream(ObjectStore store, String key, long length) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        this.length = length;
    }

    @Override
    public long getPos() {
        return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
        if (newPos < 0 || newPos > length) {
            throw new EOFException("Seek outside " + key + ": " + newPos);
        }
        pos = newPos;
    }

    @Override
    public int read() throws IOException {
        if (pos >= length) {
            return -1;
        }
        int b = body().read();
        if (b >= 0) {
            pos++;
            openPos++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        int n = body().read(buf, off, (int) Math.min(len, length - pos));
        if (n > 0) {
            pos += n;
            openPos += n;
        }
        return n;
    }

    @Override
    public void readFully(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return;
        }
        if (pos + len > length) {
            throw new EOFException("Read past the end of " + key);
        }
        if (openPos != pos) {
            closeBody();
            try (ObjectContent c = get(new ByteRange.Closed(pos, pos + len - 1))) {
                if (c.body().readNBytes(buf, off, len) != len) {
                    throw new EOFException("Unexpected end of " + key);
                }
            }
            pos += len;
            return;
        }
        int done = 0;
        while (done < len) {
            int n = read(buf, off + done, len - done);
            if (n < 0) {
                throw new EOFException("Unexpected end of " + key);
            }
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        closeBody();
    }

    private InputStream body() throws IOException {
        if (open == null || openPos != pos) {
            closeBody();
            open = get(new ByteRange.From(pos));
            openPos = pos;
        }
        return open.body();
    }

    private ObjectContent get(ByteRange range) throws IOException {
        try {
            return store.get(key, Optional.of(range), Conditions.NONE);
        } catch (S3Exception e) {
            throw StoreFileIO.ioFailure("get " + key, e);
        }
    }

    private void closeBody() throws IOException {
        if (open != null) {
            ObjectContent c = open;
            open = null;
            openPos = -1;
            c.close();
        }
    }
}
