package proxy.http;

import java.io.IOException;

/**
 * The body of a response failed after its status line was sent. The only honest answer left is to abort the
 * connection, so the client sees a short read instead of a response that looks complete; the server closes the
 * connection when the handler throws this.
 */
final class ResponseAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
