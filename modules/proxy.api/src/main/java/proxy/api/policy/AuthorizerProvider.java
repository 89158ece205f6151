package proxy.api.policy;

import proxy.api.ProxyProvider;

/** Builds the {@link Authorizer} over a policy store. */
public interface AuthorizerProvider extends ProxyProvider<AuthorizerContext, Authorizer> {

    /** The authorizer that answers from the context's grants and each table's index. */
    @Override
    Authorizer create(AuthorizerContext context);
}
