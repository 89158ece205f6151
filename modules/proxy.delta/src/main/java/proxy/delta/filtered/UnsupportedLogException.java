package proxy.delta.filtered;

import java.io.IOException;

/**
 * The filtered view of a log cannot be built safely: a table feature, protocol version or action the engine does not
 * understand, or a log object that is malformed. Fail closed: the server answers 503 for the table's log and logs
 * {@link #getMessage()}, which names the feature (never a file path or partition value).
 */
public final class UnsupportedLogException extends IOException {
    /** @param message what is not supported, e.g. {@code reader feature 'catalogManaged'} */
    public UnsupportedLogException(String message) {
        super(message);
    }
}
