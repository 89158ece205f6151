package proxy.authz.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.sqlite.SQLiteConfig;
import proxy.api.config.DatabaseConfig;

/**
 * The operator's SQLite database, opened read-only for every refresh. The proxy never writes to it and never
 * creates tables: the operator owns the schema, and a missing file or table is reported, not papered over.
 * A fresh connection per refresh also follows an operator who replaces the file.
 */
public final class SqliteDatabase {
    private static final int BUSY_TIMEOUT_MILLIS = 2_000;

    private final String jdbcUrl;

    public SqliteDatabase(DatabaseConfig config) {
        this.jdbcUrl = Objects.requireNonNull(config, "config").jdbcUrl();
    }

    /** The JDBC URL, for log messages (it names a file, never a secret). */
    public String url() {
        return jdbcUrl;
    }

    /**
     * Opens a read-only connection; the caller closes it.
     *
     * @throws SQLException when the file is missing or unreadable
     */
    public Connection openReadOnly() throws SQLException {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection(jdbcUrl);
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
