package proxy.api.auth;

import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;

/** Builds the {@link Authenticator} named by config {@code auth.mode}. */
public interface AuthenticatorProvider extends ProxyProvider {

    /** The authenticator; closeable when it holds resources (a database connection). */
    Authenticator create(ProviderContext context);
}
