package proxy.api.policy;

import java.util.ArrayList;
import java.util.List;
import proxy.api.S3Exception;
import proxy.api.auth.Principal;

/** Where grants come from: config.json, the SQLite permissions table. Thread-safe. */
public interface PolicyStore {

    /**
     * The grants that apply to a principal on a table, including those for {@link PartitionGrant#EVERYONE}.
     *
     * @return empty when the principal may read nothing of the table
     * @throws S3Exception {@code ServiceUnavailable} when the store cannot be read (callers fail closed)
     */
    List<PartitionGrant> grants(Principal principal, String table);

    /**
     * Every grant on a table, of every principal (including {@link PartitionGrant#EVERYONE}'s): for reports to the
     * operator ({@code /readyz}, the log), never for authorization. A store that cannot enumerate its grants
     * reports none (the default).
     *
     * @throws S3Exception {@code ServiceUnavailable} when the store cannot be read
     */
    default List<PartitionGrant> grantsOn(String table) {
        return List.of();
    }

    /** A store that answers the grants of all the given stores. */
    static PolicyStore union(List<PolicyStore> stores) {
        List<PolicyStore> copy = List.copyOf(stores);
        return new PolicyStore() {
            @Override
            public List<PartitionGrant> grants(Principal principal, String table) {
                var all = new ArrayList<PartitionGrant>();
                for (PolicyStore store : copy) {
                    all.addAll(store.grants(principal, table));
                }
                return List.copyOf(all);
            }

            @Override
            public List<PartitionGrant> grantsOn(String table) {
                var all = new ArrayList<PartitionGrant>();
                for (PolicyStore store : copy) {
                    all.addAll(store.grantsOn(table));
                }
                return List.copyOf(all);
            }
        };
    }
}
