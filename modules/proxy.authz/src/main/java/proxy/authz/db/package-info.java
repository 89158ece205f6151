/**
 * The SQLite database: opening it read-only for {@code serve} or writable for the admin commands, its versioned
 * schema and migrations ({@link proxy.authz.db.Schema}), and snapshots re-read every {@code refreshSeconds}
 * ({@link proxy.authz.db.RefreshingSnapshot}) so that a failing read keeps no stale permission alive.
 */
package proxy.authz.db;
