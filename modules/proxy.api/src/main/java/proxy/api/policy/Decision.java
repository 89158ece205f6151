package proxy.api.policy;

import java.util.Objects;

/**
 * The outcome of an authorization check, with its reason for the audit log and {@code explain}: the grant that
 * allowed it, or why it was denied. The reason is never sent to the client.
 *
 * @param readable which bytes an allowing decision opens ({@link ReadableBytes#WHOLE} for almost every file; only
 *                 some runs of a deletion-vector file shared with unreadable partitions); {@code WHOLE} when denied
 */
public record Decision(boolean allowed, String reason, ReadableBytes readable) {
    public Decision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(readable, "readable");
        if (!allowed && !readable.whole()) {
            throw new IllegalArgumentException("a denial opens no bytes");
        }
    }

    /** A decision about the whole object. */
    public Decision(boolean allowed, String reason) {
        this(allowed, reason, ReadableBytes.WHOLE);
    }

    /** An allowing decision naming the grant's source. */
    public static Decision allow(String grant) {
        return new Decision(true, grant);
    }

    /** An allowing decision for only some bytes of the object (ranged reads inside them). */
    public static Decision allowOnly(String grant, ReadableBytes readable) {
        return new Decision(true, grant, readable);
    }

    /** A denying decision. */
    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
