package proxy.api.delta;

import java.util.Objects;

/**
 * What a table's index says of one key a writer asks to delete ({@link TableIndex#checkDeletes}).
 *
 * @param kind   the verdict
 * @param reason why, for the audit log only (it may name the file's partition; clients see {@code AccessDenied})
 */
public record DeleteVerdict(Kind kind, String reason) {
    public DeleteVerdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** The possible verdicts. */
    public enum Kind {
        /** The log allows the delete. */
        ALLOWED,
        /** The delete is refused. */
        DENIED,
        /**
         * The log references no such key outside {@code _delta_log/}: the caller's own rule decides (an upload of
         * the writer's that no commit references), else it is refused.
         */
        UNTRACKED
    }

    /** An allowed delete. */
    public static DeleteVerdict allowed(String reason) {
        return new DeleteVerdict(Kind.ALLOWED, reason);
    }

    /** A refused delete. */
    public static DeleteVerdict denied(String reason) {
        return new DeleteVerdict(Kind.DENIED, reason);
    }

    /** Whether the delete may proceed. */
    public boolean allowed() {
        return kind == Kind.ALLOWED;
    }
}
