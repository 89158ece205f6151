package proxy.authz.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import proxy.api.auth.Principal;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.UserConfig;
import proxy.api.policy.Access;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.PolicyStore;

/**
 * The grants written in config.json: {@code allowedPartitions} for every authenticated principal (source
 * {@code config:allowedPartitions}), {@code users[].grants} (source {@code config:users[<name>]}) and
 * {@code users[].writeGrants} (write grants, source {@code config:users[<name>].writeGrants}). Immutable.
 */
public final class ConfigPolicyStore implements PolicyStore {
    private final GrantsByTable grants;

    public ConfigPolicyStore(ProxyConfig config) {
        Objects.requireNonNull(config, "config");
        var all = new ArrayList<PartitionGrant>();
        add(all, PartitionGrant.EVERYONE, config.access().allowedPartitions(), "config:allowedPartitions", Access.READ);
        for (UserConfig user : config.access().users()) {
            add(all, user.name(), user.grants(), "config:users[" + user.name() + "]", Access.READ);
            add(all, user.name(), user.writeGrants(), "config:users[" + user.name() + "].writeGrants", Access.WRITE);
        }
        this.grants = GrantsByTable.of(all);
    }

    private static void add(List<PartitionGrant> out, String principal, Map<String, List<PartitionSpec>> specs,
                            String source, Access access) {
        specs.forEach((table, list) -> list.forEach(
                spec -> out.add(new PartitionGrant(principal, table, spec, source, access))));
    }

    @Override
    public List<PartitionGrant> grants(Principal principal, String table) {
        return grants.grants(Objects.requireNonNull(principal, "principal"), Objects.requireNonNull(table, "table"));
    }

    @Override
    public List<PartitionGrant> grantsOn(String table) {
        return grants.grantsOn(Objects.requireNonNull(table, "table"));
    }
}
