package proxy.authz.policy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.auth.Principal;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.PolicyStore;
import proxy.accessdb.Schema;
import proxy.accessdb.RefreshingSnapshot;
import proxy.accessdb.Database;

/**
 * The grants of the database's {@code permissions} table (the specification's schema: {@code id INTEGER PRIMARY KEY,
 * user_id TEXT, table_name TEXT, partition_filters TEXT}; {@code user_id = '*'} is everyone), re-read every
 * refresh interval without restart.
 *
 * <p>Fails closed: a missing file, a missing table or a single malformed row makes the whole table unreadable,
 * and {@link #grants} then throws ServiceUnavailable once the last good copy is older than three refresh
 * intervals (or at once, when no read ever succeeded). Skipping a bad row instead could silently change what a
 * principal sees; refusing is visible and safe. It never falls back to allowing anything.
 *
 * <p>A database that announces changes (PostgreSQL) is re-read as soon as it does, so a revocation reaches every
 * replica at once; the interval stays the bound when announcements are lost. {@link #close} stops listening.
 */
public final class JdbcPolicyStore implements PolicyStore, AutoCloseable {
    /** How many refresh intervals a last good copy outlives a failing database. */
    static final int STALENESS_INTERVALS = 3;

    private final Database database;
    private final PermissionRows rows = new PermissionRows();
    private final RefreshingSnapshot<GrantsByTable> snapshot;
    private final AutoCloseable changes;

    public JdbcPolicyStore(Database database, Duration refreshInterval, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.snapshot = new RefreshingSnapshot<>("permissions table", this::load, refreshInterval,
                Optional.of(refreshInterval.multipliedBy(STALENESS_INTERVALS)), clock);
        snapshot.refreshNow();
        this.changes = database.watch(snapshot::refreshNow, refreshInterval);
    }

    /**
     * @throws proxy.api.S3Exception ServiceUnavailable when the table cannot be read (see the class comment)
     */
    @Override
    public List<PartitionGrant> grants(Principal principal, String table) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(table, "table");
        return snapshot.current().grants(principal, table);
    }

    /**
     * @throws proxy.api.S3Exception ServiceUnavailable when the table cannot be read (see the class comment)
     */
    @Override
    public List<PartitionGrant> grantsOn(String table) {
        return snapshot.current().grantsOn(Objects.requireNonNull(table, "table"));
    }

    @Override
    public void close() throws Exception {
        changes.close();
    }

    private GrantsByTable load() throws SQLException, PermissionRows.MalformedRowException {
        var grants = new ArrayList<PartitionGrant>();
        try (Connection connection = database.openReadOnly(); Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, user_id, table_name, partition_filters, "
                    + Schema.accessColumn(connection) + " FROM permissions ORDER BY id")) {
                while (rs.next()) {
                    grants.add(rows.grant(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return GrantsByTable.of(grants);
    }
}
