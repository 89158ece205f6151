package proxy.http;

import proxy.api.storage.Utf8Order;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.policy.Authorizer;

/**
 * The served tables as one principal sees them. A table the principal may not see is indistinguishable from an
 * alias that does not exist.
 */
final class TableDirectory {
    /** The audit reason for a request on an alias that does not exist or that the principal may not see. */
    static final String NOT_VISIBLE = "table not visible";

    private final Map<String, Table> tables;
    private final Authorizer authorizer;

    TableDirectory(Map<String, Table> tables, Authorizer authorizer) {
        this.tables = new LinkedHashMap<>(Objects.requireNonNull(tables, "tables"));
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    /** The table of an alias if it exists and the principal may see it. */
    Optional<Table> visible(Principal principal, String alias) {
        Table table = tables.get(alias);
        return table != null && authorizer.canSeeTable(principal, alias) ? Optional.of(table) : Optional.empty();
    }

    /**
     * The tables the principal may see, ordered by {@code alias + "/"} so that full keys across tables come out
     * in key order.
     */
    List<Table> visibleTables(Principal principal) {
        return tables.values().stream()
                .filter(t -> authorizer.canSeeTable(principal, t.alias()))
                .sorted(Comparator.comparing(t -> t.alias() + "/", Utf8Order.COMPARATOR))
                .toList();
    }

    Authorizer authorizer() {
        return authorizer;
    }
}
