package proxy.api.audit;

/**
 * Where the proxy records one {@link AuditEvent} per S3 request, after the response ended. Thread-safe; must never
 * throw (a failing destination is logged by the implementation, never turned into a failed request). Whoever
 * creates an implementation that holds a resource (a file) closes it, after the server has stopped.
 */
@FunctionalInterface
public interface AuditLog {

    /** The log that records nothing ({@code audit.destination = off}). */
    AuditLog OFF = event -> {
    };

    /** Records one request. */
    void record(AuditEvent event);
}
