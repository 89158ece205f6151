/**
 * The database of principals, keys and grants, SQLite or PostgreSQL ({@link proxy.accessdb.Database}, what differs
 * between them in {@link proxy.accessdb.Dialect}): opening it read-only for {@code serve} or writable for the admin
 * commands, its versioned schema and migrations ({@link proxy.accessdb.Schema}), snapshots re-read every
 * {@code refreshSeconds} ({@link proxy.accessdb.RefreshingSnapshot}) so that a failing read keeps no stale permission
 * alive, and PostgreSQL's change notifications that make the re-read immediate.
 */
package proxy.accessdb;
