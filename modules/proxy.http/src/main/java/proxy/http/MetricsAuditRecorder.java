package proxy.http;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import proxy.api.audit.AuditEvent;
import proxy.api.audit.AuditLog;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.metrics.ProxyMetrics.Outcome;

/**
 * Records each request twice when it ends, from the same facts: its metrics and its one audit event. A failing
 * audit log never fails the request (its exception is logged).
 */
final class MetricsAuditRecorder {
    private static final System.Logger LOG = System.getLogger(MetricsAuditRecorder.class.getName());

    private final ProxyMetrics metrics;
    private final AuditLog audit;
    private final Clock clock;

    MetricsAuditRecorder(ProxyMetrics metrics, AuditLog audit, Clock clock) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A request arrived; returns its arrival time. */
    Instant started() {
        metrics.requestStarted();
        return clock.instant();
    }

    /**
     * A request ended.
     *
     * @param principal the verified principal name, or null
     * @param errorCode the S3 error code sent, or null
     */
    void completed(Instant start, ResponseWriter reply, String operation, String principal, Outcome outcome,
                   String errorCode) {
        Duration duration = Duration.between(start, clock.instant());
        int status = reply.committed() ? reply.status() : 500;
        metrics.requestCompleted(operation, status, reply.bytesSent(), duration, principal, outcome);
        AuditFacts facts = reply.audit();
        var event = new AuditEvent(start, reply.requestId(), principal, operation, facts.table(), facts.key(),
                facts.verdict(), facts.reason(), status, reply.bytesSent(), duration.toMillis(), mode(outcome),
                errorCode, facts.routing(), facts.bytesReceived());
        if (facts.writeKind() != null && facts.table() != null) {
            metrics.write(facts.table(), facts.writeKind(), writeOutcome(status), facts.bytesReceived());
        }
        if (facts.routing() != null) {
            metrics.getRouted(facts.routing().label());
        }
        record(event, reply);
        for (AuditFacts.Item item : facts.items()) {
            int itemStatus = item.errorCode() == null ? 204 : item.decision().allowed() ? 500 : 403;
            metrics.write(item.table(), "delete", writeOutcome(itemStatus), 0);
            record(new AuditEvent(start, reply.requestId(), principal, operation, item.table(), item.key(),
                    item.decision().allowed() ? AuditEvent.Verdict.ALLOW : AuditEvent.Verdict.DENY,
                    item.decision().reason(), itemStatus, 0, duration.toMillis(), AuditEvent.Mode.ANSWERED,
                    item.errorCode(), null), reply);
        }
    }

    private void record(AuditEvent event, ResponseWriter reply) {
        try {
            audit.record(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the audit log failed to record request " + reply.requestId(), e);
        }
    }

    private static String writeOutcome(int status) {
        if (status / 100 == 2) {
            return "written";
        }
        return switch (status) {
            case 403 -> "denied";
            case 409, 412 -> "conflict";
            default -> status < 500 ? "invalid" : "failed";
        };
    }

    private static AuditEvent.Mode mode(Outcome outcome) {
        return switch (outcome) {
            case ANSWERED -> AuditEvent.Mode.ANSWERED;
            case PROXIED -> AuditEvent.Mode.PROXY;
            case REDIRECTED -> AuditEvent.Mode.REDIRECT;
        };
    }
}
