package proxy.http;

import java.io.IOException;

/**
 * The body of a response failed after its status line was sent. The only honest answer left is to abort the
 * connection, so the client sees a short read instead of a response that looks complete; the server closes the
 * connection when the handler throws this.
 */
final class ResponseAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean clientGone;

    /**
     * @param clientGone whether writing to the client failed (it went away) rather than reading the backend
     */
    ResponseAbortedException(String message, Throwable cause, boolean clientGone) {
        super(message, cause);
        this.clientGone = clientGone;
    }

    /** Whether the client went away (routine) rather than the backend failing (worth a warning). */
    boolean clientGone() {
        return clientGone;
    }
}
