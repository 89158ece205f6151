package proxy.accessdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import proxy.api.config.DatabaseConfig;

/**
 * The database of principals, keys and grants ({@link Schema}): a SQLite file ({@link SqliteDatabase}) or a
 * PostgreSQL database several replicas share ({@link PostgresDatabase}). {@code serve} opens a read-only connection
 * per refresh and never writes; the administration commands open one read-write connection.
 */
public interface Database {

    /** The database {@code config} names. */
    static Database of(DatabaseConfig config) {
        return config.postgres() ? new PostgresDatabase(config) : new SqliteDatabase(config);
    }

    /** The JDBC URL, for log messages (never holding a credential). */
    String url();

    /**
     * Opens a read-only connection; the caller closes it.
     *
     * @throws SQLException when the database is missing, unreachable or refuses the login
     */
    Connection openReadOnly() throws SQLException;

    /**
     * Opens a read-write connection without auto-commit (SQLite: creating the file when absent); the caller closes
     * it.
     *
     * @throws SQLException when the database cannot be opened
     */
    Connection openReadWrite() throws SQLException;

    /**
     * Calls {@code onChange} soon after the tables change, from a thread of its own, for as long as the returned
     * handle is open; a database that cannot announce changes (SQLite) never calls it, and readers rely on the
     * refresh interval alone.
     *
     * @param retryAtMost the longest wait between two attempts to re-establish a lost subscription
     */
    AutoCloseable watch(Runnable onChange, Duration retryAtMost);
}
