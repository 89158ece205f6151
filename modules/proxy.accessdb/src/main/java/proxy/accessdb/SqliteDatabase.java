package proxy.accessdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.sqlite.SQLiteConfig;
import proxy.api.config.DatabaseConfig;

/**
 * The operator's SQLite database. {@code serve} opens it read-only for every refresh and never writes to it or
 * creates tables: a missing file or table is reported, not papered over, and a fresh connection per refresh also
 * follows an operator who replaces the file. Only the administration commands ({@code users}, {@code grants},
 * {@code secrets}) open it for writing, creating it with its {@link Schema} when absent.
 */
public final class SqliteDatabase implements Database {
    private static final int BUSY_TIMEOUT_MILLIS = 2_000;

    private final String jdbcUrl;

    public SqliteDatabase(DatabaseConfig config) {
        this.jdbcUrl = Objects.requireNonNull(config, "config").jdbcUrl();
    }

    /** The JDBC URL, for log messages (it names a file, never a secret). */
    @Override
    public String url() {
        return jdbcUrl;
    }

    /**
     * Opens a read-only connection; the caller closes it.
     *
     * @throws SQLException when the file is missing or unreadable
     */
    @Override
    public Connection openReadOnly() throws SQLException {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection(jdbcUrl);
    }

    /**
     * Opens a read-write connection without auto-commit, creating the file when absent; the caller closes it.
     *
     * @throws SQLException when the file cannot be created or opened
     */
    @Override
    public Connection openReadWrite() throws SQLException {
        var config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        Connection connection = config.createConnection(jdbcUrl);
        connection.setAutoCommit(false);
        return connection;
    }

    /** SQLite announces no change: readers re-read every refresh interval. */
    @Override
    public AutoCloseable watch(Runnable onChange, Duration retryAtMost) {
        return () -> { };
    }

    /** Whether the database has a table of this name. */
    public static boolean hasTable(Connection connection, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
