package proxy.authz.credentials;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.api.config.Secret;
import proxy.authz.db.RefreshingSnapshot;
import proxy.authz.db.SqliteDatabase;

/**
 * The access keys of the SQLite {@code credentials} table
 * ({@code access_key TEXT PRIMARY KEY, secret_key TEXT NOT NULL, user_id TEXT NOT NULL,
 * enabled INTEGER NOT NULL DEFAULT 1}), re-read every refresh interval. A failed read keeps the last good copy
 * (so an outage does not lock everyone out); before the first good read every key is refused with
 * ServiceUnavailable. A database without the table has no database keys (the table is ours, not the
 * specification's, so a spec-only database stays valid). Rows with an empty key or secret are skipped.
 */
public final class JdbcCredentialStore implements CredentialStore {
    static final String TABLE = "credentials";

    private final SqliteDatabase database;
    private final RefreshingSnapshot<Map<String, Credential>> snapshot;

    public JdbcCredentialStore(SqliteDatabase database, Duration refreshInterval, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.snapshot = new RefreshingSnapshot<>("credentials table", this::load, refreshInterval,
                Optional.empty(), clock);
        snapshot.refreshNow();
    }

    @Override
    public Optional<Credential> find(String accessKey) {
        return Optional.ofNullable(snapshot.current().get(accessKey));
    }

    private Map<String, Credential> load() throws SQLException {
        try (Connection connection = database.openReadOnly()) {
            if (!SqliteDatabase.hasTable(connection, TABLE)) {
                return Map.of();
            }
            var map = new HashMap<String, Credential>();
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT access_key, secret_key, user_id, enabled FROM " + TABLE)) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    String secret = rs.getString(2);
                    String user = rs.getString(3);
                    if (key == null || key.isEmpty() || secret == null || secret.isEmpty() || user == null) {
                        continue;
                    }
                    map.put(key, new Credential(key, new Secret(secret), user, rs.getInt(4) != 0));
                }
            }
            return Map.copyOf(map);
        }
    }
}
