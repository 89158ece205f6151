/**
 * The in-memory shape of one table's index: {@link proxy.delta.index.IndexSnapshot} (immutable, shared by readers
 * without locks) over front-coded sorted key tables ({@link proxy.delta.index.KeyTable}, tens of bytes per file, no
 * object per key) and the table's distinct partition tuples ({@link proxy.delta.index.TupleTable});
 * {@link proxy.delta.index.IndexUpdate} merges one refresh into the previous snapshot.
 */
package proxy.delta.index;
