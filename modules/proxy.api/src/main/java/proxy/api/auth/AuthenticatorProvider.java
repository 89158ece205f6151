package proxy.api.auth;

import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;

/** Builds the {@link Authenticator} named by config {@code auth.mode}. */
public interface AuthenticatorProvider extends ProxyProvider<ProviderContext, Authenticator> {

    /** The authenticator; closeable when it holds resources (a database connection). */
    @Override
    Authenticator create(ProviderContext context);
}
