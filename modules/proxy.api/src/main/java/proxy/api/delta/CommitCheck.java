package proxy.api.delta;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import proxy.api.policy.WriteScope;

/**
 * What a commit is judged against: the writer's write grants, and where the files it adds came from.
 *
 * @param scope    the committing principal's write grants on the table
 * @param uploaded for a key the commit adds that the log does not reference yet: the partition values (as the
 *                 upload's path named them) recorded, and signed, when a principal holding a write grant on them
 *                 uploaded it through the proxy; empty for a file not uploaded through the proxy (or whose record
 *                 does not verify)
 */
public record CommitCheck(WriteScope scope, Function<String, Optional<Map<String, String>>> uploaded) {
    public CommitCheck {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(uploaded, "uploaded");
    }
}
