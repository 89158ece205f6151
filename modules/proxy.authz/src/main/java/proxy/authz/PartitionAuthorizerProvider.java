package proxy.authz;

import proxy.api.ProviderContext;
import proxy.api.policy.Authorizer;
import proxy.api.policy.AuthorizerProvider;
import proxy.api.policy.PolicyStore;

/** {@code partition}: the deny-by-default {@link PartitionAuthorizer}. */
public final class PartitionAuthorizerProvider implements AuthorizerProvider {

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public Authorizer create(PolicyStore policy, ProviderContext context) {
        return new PartitionAuthorizer(policy, context.config().tables().deltaLog(), context.metrics());
    }
}
