package proxy.api.policy;

import java.util.Objects;
import proxy.api.ProviderContext;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;

/**
 * What an {@link AuthorizerProvider} builds from: the policy store whose grants it answers from, and what every
 * provider gets.
 */
public record AuthorizerContext(PolicyStore policy, ProviderContext shared) {
    public AuthorizerContext {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(shared, "shared");
    }

    /** The configuration. */
    public ProxyConfig config() {
        return shared.config();
    }

    /** The metrics sink. */
    public ProxyMetrics metrics() {
        return shared.metrics();
    }
}
