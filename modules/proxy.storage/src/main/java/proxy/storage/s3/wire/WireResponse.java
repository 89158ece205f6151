package proxy.storage.s3.wire;

import java.io.InputStream;
import java.util.Optional;

/**
 * An answer: status, headers and, unless the answer has none (HEAD, 204, 304), its body. An answer without a body
 * has already given its connection back. Closing the answer closes the body (see {@link ResponseBody} for what
 * happens to the connection); {@link #abort()} closes the connection.
 */
public final class WireResponse implements AutoCloseable {
    private final ResponseHead head;
    private final ResponseBody body;

    WireResponse(ResponseHead head, ResponseBody body) {
        this.head = head;
        this.body = body;
    }

    public int status() {
        return head.status();
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        return head.header(name);
    }

    /** The body, to be read and closed by the caller; empty when the answer has none. */
    public Optional<InputStream> body() {
        return Optional.ofNullable(body);
    }

    /** Drops the connection, whatever is left of the body; idempotent. */
    public void abort() {
        if (body != null) {
            body.abort();
        }
    }

    @Override
    public void close() {
        if (body != null) {
            body.close();
        }
    }
}
