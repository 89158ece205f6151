package proxy.authz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.config.DeltaLogMode;
import proxy.api.delta.FileClass;
import proxy.api.delta.LogGrant;
import proxy.api.delta.LogNames;
import proxy.api.delta.PartitionValues;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.policy.Authorizer;
import proxy.api.policy.Decision;
import proxy.api.policy.ListingFilter;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.PolicyStore;
import proxy.api.policy.WriteScope;

/**
 * Deny-by-default authorization by partition (DESIGN.md section 5). Write grants count as read grants of the same
 * partitions; only they form a principal's {@link WriteScope}. A key is readable iff the principal has a
 * grant on the table and the Delta log says the key is a file of a granted partition: data and change-data
 * files by their partition values, deletion vectors through the data files that reference them (only the bytes of
 * the vectors of readable data files, see {@link DeletionVectorDecision}), the log
 * itself to anyone with a grant (as stored in passthrough mode; filtered for partial grants in filtered mode, see
 * {@link ListingFilter#filteredLog}). Keys the log does not reference are refused.
 *
 * <p>Failures of the policy store or the index ({@code ServiceUnavailable}) propagate: the caller answers 503,
 * never a guess.
 */
public final class PartitionAuthorizer implements Authorizer {
    private final PolicyStore policy;
    private final DeltaLogMode deltaLogMode;
    private final ProxyMetrics metrics;

    public PartitionAuthorizer(PolicyStore policy, DeltaLogMode deltaLogMode, ProxyMetrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deltaLogMode = Objects.requireNonNull(deltaLogMode, "deltaLogMode");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public boolean canSeeTable(Principal principal, String alias) {
        return !policy.grants(principal, alias).isEmpty();
    }

    @Override
    public Decision decideRead(Principal principal, Table table, String key) {
        Decision decision = decide(policy.grants(principal, table.alias()), table, key);
        metrics.authorization(table.alias(), decision.allowed());
        return decision;
    }

    /** The write grants among the principal's grants (read grants never allow writes). */
    @Override
    public WriteScope writeScope(Principal principal, Table table) {
        return new WriteScope(policy.grants(principal, table.alias()).stream().filter(PartitionGrant::writes)
                .toList());
    }

    @Override
    public ListingFilter listingFilter(Principal principal, Table table) {
        List<PartitionGrant> grants = policy.grants(principal, table.alias());
        if (grants.isEmpty()) {
            return ListingFilter.NOTHING;
        }
        return new ListingFilter() {
            @Override
            public boolean showsKey(String key) {
                return decide(grants, table, key).allowed();
            }

            @Override
            public boolean showsPrefix(String prefix) {
                if (LogNames.inLog(prefix)) {
                    return deltaLog(grants).allowed();
                }
                return table.index().anyFileUnder(prefix, this::showsPartition);
            }

            @Override
            public boolean showsPartition(PartitionValues partition) {
                return firstMatch(grants, partition) != null;
            }

            @Override
            public boolean showsLog() {
                return deltaLog(grants).allowed();
            }

            @Override
            public Optional<LogGrant> filteredLog() {
                return LogGrants.of(deltaLogMode, grants);
            }
        };
    }

    private Decision decide(List<PartitionGrant> grants, Table table, String key) {
        if (grants.isEmpty()) {
            return Decision.deny("no grant on table");
        }
        FileClass file = table.index().lookup(key);
        return switch (file) {
            case FileClass.DeltaLog log -> deltaLog(grants);
            case FileClass.DataFile data -> partition(grants, data.partition(), "data file");
            case FileClass.ChangeData cdc -> partition(grants, cdc.partition(), "change-data file");
            case FileClass.DeletionVector dv -> DeletionVectorDecision.of(dv, values -> firstMatch(grants, values),
                    PartitionAuthorizer::describe);
            case FileClass.Unknown unknown -> Decision.deny("not referenced by the Delta log");
        };
    }

    private Decision deltaLog(List<PartitionGrant> grants) {
        return switch (deltaLogMode) {
            case PASSTHROUGH -> Decision.allow("_delta_log (passthrough) via " + describe(grants.getFirst()));
            case FILTERED -> Decision.allow("_delta_log (filtered) via " + describe(grants.getFirst()));
        };
    }

    private static Decision partition(List<PartitionGrant> grants, PartitionValues values, String what) {
        PartitionGrant grant = firstMatch(grants, values);
        return grant == null
                ? Decision.deny(what + " of partition " + values.values() + " matches no grant")
                : Decision.allow(describe(grant));
    }

    /** The first grant whose spec matches, or null. */
    private static PartitionGrant firstMatch(List<PartitionGrant> grants, PartitionValues values) {
        for (PartitionGrant grant : grants) {
            if (grant.partition().matches(values.values())) {
                return grant;
            }
        }
        return null;
    }

    private static String describe(PartitionGrant grant) {
        return grant.source() + " " + grant.partition().values();
    }
}
