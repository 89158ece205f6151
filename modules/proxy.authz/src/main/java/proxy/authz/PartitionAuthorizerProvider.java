package proxy.authz;

import proxy.api.policy.Authorizer;
import proxy.api.policy.AuthorizerContext;
import proxy.api.policy.AuthorizerProvider;

/** {@code partition}: the deny-by-default {@link PartitionAuthorizer}. */
public final class PartitionAuthorizerProvider implements AuthorizerProvider {

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public Authorizer create(AuthorizerContext context) {
        return new PartitionAuthorizer(context.policy(), context.config().tables().deltaLog(), context.metrics());
    }
}
