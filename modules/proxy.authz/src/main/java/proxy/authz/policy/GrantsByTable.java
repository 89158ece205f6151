package proxy.authz.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import proxy.api.auth.Principal;
import proxy.api.policy.PartitionGrant;

/** An immutable set of grants indexed by table alias, answering for a principal (its own plus everyone's). */
record GrantsByTable(Map<String, List<PartitionGrant>> byTable) {
    static final GrantsByTable EMPTY = new GrantsByTable(Map.of());

    GrantsByTable {
        var copy = new HashMap<String, List<PartitionGrant>>();
        byTable.forEach((table, grants) -> copy.put(table, List.copyOf(grants)));
        byTable = Map.copyOf(copy);
    }

    /** Indexes a flat list of grants. */
    static GrantsByTable of(List<PartitionGrant> grants) {
        var map = new HashMap<String, List<PartitionGrant>>();
        for (PartitionGrant g : grants) {
            map.computeIfAbsent(g.table(), t -> new ArrayList<>()).add(g);
        }
        return new GrantsByTable(map);
    }

    /** Every grant on a table, whoever it is for. */
    List<PartitionGrant> grantsOn(String table) {
        return byTable.getOrDefault(table, List.of());
    }

    /** The grants on a table for the principal by name or for {@link PartitionGrant#EVERYONE}. */
    List<PartitionGrant> grants(Principal principal, String table) {
        return byTable.getOrDefault(table, List.of()).stream()
                .filter(g -> g.principal().equals(PartitionGrant.EVERYONE) || g.principal().equals(principal.name()))
                .toList();
    }
}
