package proxy.api.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of authenticating a request.
 *
 * @param principal the verified caller
 * @param chunks    for a request whose body is signed chunk by chunk, the chain that verifies its chunks; empty
 *                  otherwise (then a body that claims signed chunks must be refused)
 */
public record Authentication(Principal principal, Optional<ChunkSignatures> chunks) {
    public Authentication {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(chunks, "chunks");
    }
}
