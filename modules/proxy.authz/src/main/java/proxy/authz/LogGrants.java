package proxy.authz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.PartitionSpec;
import proxy.api.delta.LogGrant;
import proxy.api.policy.PartitionGrant;

/**
 * How a principal's grants on one table read its {@code _delta_log/}: as stored in passthrough mode and for grants
 * that include the whole table ({@code {}}), else filtered by the grant set. The grant set's id lists its distinct
 * partition specs, each with its entries sorted and every name and value length-prefixed (so no value can forge a
 * separator), the specs sorted: equal sets have equal ids whatever their order, duplicates or sources.
 */
final class LogGrants {
    private LogGrants() {
    }

    /** @param grants a principal's grants on one table, not empty */
    static Optional<LogGrant> of(DeltaLogMode mode, List<PartitionGrant> grants) {
        return switch (mode) {
            case PASSTHROUGH -> Optional.empty();
            case FILTERED -> grants.stream().anyMatch(g -> g.partition().values().isEmpty())
                    ? Optional.empty()
                    : Optional.of(filtered(grants));
        };
    }

    private static LogGrant filtered(List<PartitionGrant> grants) {
        List<PartitionSpec> specs = grants.stream().map(PartitionGrant::partition).toList();
        TreeSet<String> canonical = new TreeSet<>();
        for (PartitionSpec spec : specs) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(spec.values()).entrySet()) {
                b.append(field(e.getKey())).append('=').append(field(e.getValue())).append(';');
            }
            canonical.add(b.toString());
        }
        String id = String.join("|", canonical);
        return new LogGrant(id, p -> specs.stream().anyMatch(s -> s.matches(p.values())));
    }

    private static String field(String s) {
        return s == null ? "-" : s.length() + ":" + s;
    }
}
