package proxy.api.policy;

import java.util.Objects;

/**
 * The outcome of an authorization check, with its reason for the audit log and {@code explain}: the grant that
 * allowed it, or why it was denied. The reason is never sent to the client.
 */
public record Decision(boolean allowed, String reason) {
    public Decision {
        Objects.requireNonNull(reason, "reason");
    }

    /** An allowing decision naming the grant's source. */
    public static Decision allow(String grant) {
        return new Decision(true, grant);
    }

    /** A denying decision. */
    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
