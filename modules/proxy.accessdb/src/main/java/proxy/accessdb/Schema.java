package proxy.accessdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The versioned schema of the database. Version 1:
 * <pre>
 * schema_version(version INTEGER NOT NULL)                       -- one row
 * principals(name TEXT PRIMARY KEY, enabled INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL)
 * permissions(id INTEGER PRIMARY KEY, user_id TEXT, table_name TEXT, partition_filters TEXT)   -- the spec's
 * credentials(access_key TEXT PRIMARY KEY, secret_key TEXT NOT NULL, user_id TEXT NOT NULL,
 *             enabled INTEGER NOT NULL DEFAULT 1, secret_sealed TEXT, expires_at TEXT)
 * </pre>
 * Version 2 adds {@code permissions.access TEXT NOT NULL DEFAULT 'read'} ({@code read} or {@code write}; a write
 * grant also allows reading).
 *
 * <p>{@code secret_sealed} is the AES-GCM sealed secret ({@code secret_key} is then empty); a row with only a
 * {@code secret_key} is a legacy plain-text secret. {@code expires_at} (ISO-8601) ends a rotated-out key.
 *
 * <p>Version 0 is a database without {@code schema_version}: the specification's {@code permissions} table and
 * perhaps the first release's {@code credentials(access_key, secret_key, user_id, enabled)}. {@link #migrate} brings
 * any older version to the current one in the caller's transaction; a later release adds steps, never edits one.
 *
 * <p>The same tables and queries serve SQLite and PostgreSQL; what differs ({@code id} numbering, PostgreSQL's
 * explicit {@code credentials.rowid} and its change triggers) is in {@link Dialect}.
 */
public final class Schema {
    /** The version this release writes and reads. */
    public static final int CURRENT = 2;

    private Schema() {
    }

    /** The schema version of a database; 0 for one without a {@code schema_version} table. */
    public static int version(Connection connection) throws SQLException {
        if (!Dialect.of(connection).hasTable(connection, "schema_version")) {
            return 0;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Fails when a newer release wrote the database (its meaning may have changed: read nothing rather than guess).
     */
    public static int requireKnown(Connection connection) throws SQLException {
        int version = version(connection);
        if (version > CURRENT) {
            throw new SQLException("the database has schema version " + version + ", written by a newer release;"
                    + " this release reads up to version " + CURRENT);
        }
        return version;
    }

    /** Brings the schema to {@link #CURRENT}; the caller runs it in a transaction. */
    public static void migrate(Connection connection) throws SQLException {
        Dialect.of(connection).lockForMigration(connection);
        int version = requireKnown(connection);
        if (version < 1) {
            toVersion1(connection);
        }
        if (version < 2) {
            toVersion2(connection);
        }
    }

    /** The column that says a grant's access, for a database of any known version ({@code 'read'} before 2). */
    public static String accessColumn(Connection connection) throws SQLException {
        return version(connection) >= 2 ? "access" : "'read'";
    }

    private static void toVersion2(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!Dialect.of(connection).hasColumn(connection, "permissions", "access")) {
                st.executeUpdate("ALTER TABLE permissions ADD COLUMN access TEXT NOT NULL DEFAULT 'read'");
            }
            st.executeUpdate("UPDATE schema_version SET version = 2");
        }
    }

    private static void toVersion1(Connection connection) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS permissions (" + dialect.idColumn() + ", user_id TEXT,"
                    + " table_name TEXT, partition_filters TEXT)");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS credentials (access_key TEXT PRIMARY KEY,"
                    + " secret_key TEXT NOT NULL, user_id TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1)");
            dialect.addRowId(connection);
            if (!dialect.hasColumn(connection, "credentials", "secret_sealed")) {
                st.executeUpdate("ALTER TABLE credentials ADD COLUMN secret_sealed TEXT");
            }
            if (!dialect.hasColumn(connection, "credentials", "expires_at")) {
                st.executeUpdate("ALTER TABLE credentials ADD COLUMN expires_at TEXT");
            }
            st.executeUpdate("CREATE TABLE principals (name TEXT PRIMARY KEY, enabled INTEGER NOT NULL DEFAULT 1,"
                    + " created_at TEXT NOT NULL)");
            try (var insert = connection.prepareStatement("INSERT INTO principals (name, enabled, created_at)"
                    + " SELECT DISTINCT user_id, 1, ? FROM credentials WHERE user_id IS NOT NULL")) {
                insert.setString(1, Instant.now().toString());
                insert.executeUpdate();
            }
            st.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            st.executeUpdate("INSERT INTO schema_version (version) VALUES (1)");
        }
        dialect.addChangeTriggers(connection);
    }
}
