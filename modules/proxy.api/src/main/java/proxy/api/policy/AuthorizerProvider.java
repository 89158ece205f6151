package proxy.api.policy;

import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;

/** Builds the {@link Authorizer} over a policy store. */
public interface AuthorizerProvider extends ProxyProvider {

    /** The authorizer that answers from the given grants and each table's index. */
    Authorizer create(PolicyStore policy, ProviderContext context);
}
