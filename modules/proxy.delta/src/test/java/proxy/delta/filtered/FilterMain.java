package proxy.delta.filtered;

import java.nio.file.Path;

/**
 * Writes the filtered view of one table for one of its {@link ProofTables#grants} in a fresh JVM, so
 * {@link FilteredLogDeterminismTest} can compare bytes across processes. Arguments: table directory, grant index,
 * output directory.
 */
public final class FilterMain {
    private FilterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path table = Path.of(args[0]);
        GrantSet grants = ProofTables.grants(table).get(Integer.parseInt(args[1]));
        FilteredTable.write(table, new FileFilter(UpstreamLog.mapping(table), grants.predicate()), java.util.Set.of(),
                Path.of(args[2]));
    }
}
