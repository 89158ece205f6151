package proxy.authz.policy;

import proxy.api.ProviderContext;
import proxy.api.policy.PolicyStore;
import proxy.api.policy.PolicyStoreProvider;

/** {@code config}: the grants of config.json; always used. */
public final class ConfigPolicyStoreProvider implements PolicyStoreProvider {

    @Override
    public String name() {
        return "config";
    }

    @Override
    public PolicyStore create(ProviderContext context) {
        return new ConfigPolicyStore(context.config());
    }
}
