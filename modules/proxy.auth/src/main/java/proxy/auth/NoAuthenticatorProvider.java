package proxy.auth;

import java.lang.System.Logger.Level;
import proxy.api.ProviderContext;
import proxy.api.auth.Authenticator;
import proxy.api.auth.AuthenticatorProvider;
import proxy.api.auth.Principal;

/**
 * {@code auth.mode = none}: every request is {@link Principal#ANONYMOUS}, whatever it carries. For demos only;
 * creating it logs a warning, since anyone reaching the port then reads what {@code allowedPartitions} grants.
 */
public final class NoAuthenticatorProvider implements AuthenticatorProvider {
    private static final System.Logger LOG = System.getLogger(NoAuthenticatorProvider.class.getName());

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Authenticator create(ProviderContext context) {
        LOG.log(Level.WARNING, "AUTHENTICATION IS DISABLED (auth.mode=none): every request is served as the"
                + " principal 'anonymous' without checking any signature. Never use this outside a demo.");
        return request -> Principal.ANONYMOUS;
    }
}
