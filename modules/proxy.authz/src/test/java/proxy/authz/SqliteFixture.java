package proxy.authz;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import proxy.api.config.DatabaseConfig;

/** A writable SQLite file the tests play operator on, while the code under test reads it read-only. */
public final class SqliteFixture {
    /** The credentials table as the operator creates it. */
    public static final String CREDENTIALS_SCHEMA = "CREATE TABLE credentials (access_key TEXT PRIMARY KEY,"
            + " secret_key TEXT NOT NULL, user_id TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1)";
    /** The specification's permissions table. */
    public static final String PERMISSIONS_SCHEMA = "CREATE TABLE permissions (id INTEGER PRIMARY KEY, user_id TEXT,"
            + " table_name TEXT, partition_filters TEXT)";

    private final Path file;

    public SqliteFixture(Path file) {
        this.file = file;
    }

    /** The config the stores are built from, refreshed every {@code refreshSeconds}. */
    public DatabaseConfig config(int refreshSeconds) {
        return new DatabaseConfig("sqlite:" + file, refreshSeconds);
    }

    /** Runs statements in one connection (creating the file when absent). */
    public void execute(String... sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }
}
