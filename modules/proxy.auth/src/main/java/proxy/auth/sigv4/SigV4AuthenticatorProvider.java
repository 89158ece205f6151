package proxy.auth.sigv4;

import java.time.Duration;
import java.util.ArrayList;
import java.util.stream.Collectors;
import proxy.api.ProviderContext;
import proxy.api.auth.Authenticator;
import proxy.api.auth.AuthenticatorProvider;
import proxy.api.config.ProxyConfig;
import proxy.api.config.UserConfig;
import proxy.auth.credentials.ConfigCredentialStore;
import proxy.auth.credentials.CredentialStore;
import proxy.auth.credentials.JdbcCredentialStore;
import proxy.accessdb.Database;

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
        stores.add(new ConfigCredentialStore(config.access().users()));
        if (config.access().databaseEnabled()) {
            var names = config.access().users().stream().map(UserConfig::name).collect(Collectors.toSet());
            stores.add(new JdbcCredentialStore(Database.of(config.access().database()), config.access().database().secretsKey(),
                    names, Duration.ofSeconds(config.access().database().refreshSeconds()), context.clock()).requireUsable());
        }
        return new SigV4Authenticator(CredentialStore.firstOf(stores), config.access().auth().region(), context.clock(),
                context.metrics());
    }
}
