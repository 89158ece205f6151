package proxy.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * An object's body being read from a store. The caller owns it and must close it, which releases the backend
 * connection.
 *
 * @param meta   the object's metadata (size is the whole object's)
 * @param body   the bytes of the range, or of the whole object; exactly {@link #length()} bytes
 * @param length the number of bytes {@code body} yields
 * @param range  the served range, empty when the whole object is served
 */
public record ObjectContent(ObjectMeta meta, InputStream body, long length, Optional<ByteRange.Resolved> range)
        implements AutoCloseable {
    public ObjectContent {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(range, "range");
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
