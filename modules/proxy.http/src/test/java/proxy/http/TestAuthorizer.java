package proxy.http;

import java.util.Optional;
import proxy.api.Table;
import proxy.api.delta.LogGrant;
import proxy.api.auth.Principal;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.Authorizer;
import proxy.api.policy.Decision;
import proxy.api.policy.ListingFilter;

/**
 * Allows every key that does not contain {@code secret}, on every table whose alias does not contain
 * {@code hidden}; in listings, the partitions of {@link FakeIndex} whose file does not contain {@code secret}.
 */
final class TestAuthorizer implements Authorizer {
    @Override
    public boolean canSeeTable(Principal principal, String alias) {
        return !alias.contains("hidden");
    }

    @Override
    public Decision decideRead(Principal principal, Table table, String key) {
        return canSeeTable(principal, table.alias()) && !key.contains("secret")
                ? Decision.allow("test") : Decision.deny("test: secret");
    }

    @Override
    public ListingFilter listingFilter(Principal principal, Table table) {
        return new ListingFilter() {
            @Override
            public boolean showsKey(String key) {
                return !key.contains("secret");
            }

            @Override
            public boolean showsPrefix(String prefix) {
                return !prefix.contains("secret");
            }

            @Override
            public boolean showsPartition(PartitionValues partition) {
                return !partition.values().getOrDefault("file", "").contains("secret");
            }

            @Override
            public boolean showsLog() {
                return true;
            }

            @Override
            public Optional<LogGrant> filteredLog() {
                return Optional.empty();
            }
        };
    }
}
