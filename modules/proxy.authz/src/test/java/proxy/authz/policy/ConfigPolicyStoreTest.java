package proxy.authz.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proxy.api.auth.Principal;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.api.policy.Access;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.PolicyStore;

class ConfigPolicyStoreTest {
    static final PartitionSpec XLON = new PartitionSpec(Map.of("MIC", "XLON"));
    static final PartitionSpec XPAR = new PartitionSpec(Map.of("MIC", "XPAR"));

    final ProxyConfig config = ProxyConfig.defaults(Map.of("trades", URI.create("file:/t"),
                    "quotes", URI.create("file:/q"))).toBuilder()
            .allowedPartitions(Map.of("trades", List.of(XLON)))
            .users(List.of(new UserConfig("alice", "AKA", new Secret("s"), Map.of("trades", List.of(XPAR),
                    "quotes", List.of(PartitionSpec.WHOLE_TABLE)))))
            .build();
    final PolicyStore store = new ConfigPolicyStoreProvider().create(
            new proxy.api.ProviderContext(config, java.time.Clock.systemUTC(), proxy.api.metrics.ProxyMetrics.NOOP));

    @Test
    void allowedPartitionsApplyToEveryoneAndUserGrantsToTheirUser() {
        assertEquals(List.of(new PartitionGrant("*", "trades", XLON, "config:allowedPartitions"),
                        new PartitionGrant("alice", "trades", XPAR, "config:users[alice]")),
                store.grants(new Principal("alice", "AKA"), "trades"));
        assertEquals(List.of(new PartitionGrant("*", "trades", XLON, "config:allowedPartitions")),
                store.grants(new Principal("bob", "AKB"), "trades"));
        assertEquals(List.of(new PartitionGrant("alice", "quotes", PartitionSpec.WHOLE_TABLE, "config:users[alice]")),
                store.grants(new Principal("alice", "AKA"), "quotes"));
        assertTrue(store.grants(new Principal("bob", "AKB"), "quotes").isEmpty());
        assertTrue(store.grants(Principal.ANONYMOUS, "unknown").isEmpty());
    }

    @Test
    void everyGrantOnATableIsListedForReportsWhoeverItIsFor() {
        assertEquals(List.of(new PartitionGrant("*", "trades", XLON, "config:allowedPartitions"),
                new PartitionGrant("alice", "trades", XPAR, "config:users[alice]")), store.grantsOn("trades"));
        PolicyStore twice = PolicyStore.union(List.of(store, store));
        assertEquals(4, twice.grantsOn("trades").size(), "a union lists the grants of every store");
        assertEquals(2, twice.grants(new Principal("alice", "AKA"), "quotes").size());
        assertTrue(store.grantsOn("unknown").isEmpty());
    }

    @Test
    void writeGrantsAreWriteGrantsOfTheirUserOnly() {
        var writable = config.toBuilder().users(List.of(new UserConfig("carol", "AKC", new Secret("s"),
                Map.of("trades", List.of(XPAR)), Map.of("trades", List.of(XLON))))).build();
        var grants = new ConfigPolicyStore(writable).grants(new Principal("carol", "AKC"), "trades");
        assertEquals(List.of(new PartitionGrant("*", "trades", XLON, "config:allowedPartitions"),
                new PartitionGrant("carol", "trades", XPAR, "config:users[carol]"),
                new PartitionGrant("carol", "trades", XLON, "config:users[carol].writeGrants", Access.WRITE)), grants);
        assertEquals(List.of(false, false, true), grants.stream().map(PartitionGrant::writes).toList());
    }
}
