package proxy.authz.sigv4;

import java.time.Duration;
import java.util.ArrayList;
import java.util.stream.Collectors;
import proxy.api.ProviderContext;
import proxy.api.auth.Authenticator;
import proxy.api.auth.AuthenticatorProvider;
import proxy.api.config.ProxyConfig;
import proxy.api.config.UserConfig;
import proxy.authz.credentials.ConfigCredentialStore;
import proxy.authz.credentials.CredentialStore;
import proxy.authz.credentials.JdbcCredentialStore;
import proxy.authz.db.Database;

/**
 * {@code auth.mode = sigv4} (the default): verified Signature V4 against config {@code users[]} and, when
 * {@code databaseEnabled}, the database's {@code credentials} table (its secrets sealed with the database's secrets
 * key). Config users win on a duplicate access key; a database principal may not share a config user's name.
 */
public final class SigV4AuthenticatorProvider implements AuthenticatorProvider {

    @Override
    public String name() {
        return "sigv4";
    }

    @Override
    public Authenticator create(ProviderContext context) {
        ProxyConfig config = context.config();
        var stores = new ArrayList<CredentialStore>();
        stores.add(new ConfigCredentialStore(config.users()));
        if (config.databaseEnabled()) {
            var names = config.users().stream().map(UserConfig::name).collect(Collectors.toSet());
            stores.add(new JdbcCredentialStore(Database.of(config.database()), config.database().secretsKey(),
                    names, Duration.ofSeconds(config.database().refreshSeconds()), context.clock()).requireUsable());
        }
        return new SigV4Authenticator(CredentialStore.firstOf(stores), config.auth().region(), context.clock(),
                context.metrics());
    }
}
