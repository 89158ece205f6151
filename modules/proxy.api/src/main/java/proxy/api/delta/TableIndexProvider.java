package proxy.api.delta;

import proxy.api.ProxyProvider;

/** Builds the {@link TableIndex} of a table from the log in its store. */
public interface TableIndexProvider extends ProxyProvider<IndexContext, TableIndex> {

    /** An index over the table's log, read through the context's store. Does not read the log yet. */
    @Override
    TableIndex create(IndexContext context);
}
