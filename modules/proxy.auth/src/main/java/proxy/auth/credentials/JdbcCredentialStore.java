package proxy.auth.credentials;

import proxy.accessdb.SecretSealer;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import proxy.api.config.ConfigException;
import proxy.api.config.Secret;
import proxy.accessdb.RefreshingSnapshot;
import proxy.accessdb.Database;

/**
 * The access keys of the database's {@code credentials} table ({@link proxy.accessdb.Schema}; which rows are accepted:
 * {@link CredentialRows}), re-read every refresh interval.
 *
 * <p>Fails closed: when a read fails (the file unreadable, corrupt or replaced by a newer release's, a secret that
 * does not decrypt), every database key is refused with ServiceUnavailable at once (logged once per outage), so a
 * key revoked meanwhile never keeps working; config keys are unaffected. The first good read serves again. A key
 * whose {@code expires_at} has passed (rotated out) is unknown. A database without the table has no database keys
 * (the specification's database has only {@code permissions}).
 *
 * <p>A database that announces changes (PostgreSQL) is re-read as soon as it does, so a disabled user or a deleted key
 * is refused by every replica at once; {@link #close} stops listening (the app keeps the store for the life of the
 * process).
 */
public final class JdbcCredentialStore implements CredentialStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JdbcCredentialStore.class.getName());
    static final String TABLE = "credentials";

    private final Database database;
    private final CredentialRows rows;
    private final Clock clock;
    private final RefreshingSnapshot<CredentialRows.Loaded> snapshot;
    private final Duration refreshInterval;
    private volatile AutoCloseable changes = () -> { };
    private volatile String lastWarning = "";

    /**
     * @param secretsKey  the key the stored secrets are sealed with; empty when none is configured
     * @param configUsers the names of config users, which no database key may authenticate as
     */
    public JdbcCredentialStore(Database database, Optional<Secret> secretsKey, Set<String> configUsers,
                               Duration refreshInterval, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.rows = new CredentialRows(secretsKey.map(SecretSealer::new), configUsers);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.snapshot = new RefreshingSnapshot<>("credentials table", this::load, refreshInterval,
                Optional.of(Duration.ZERO), clock);
    }

    /**
     * Reads the table once for startup, so a database {@code serve} cannot use stops it with one line rather than
     * refusing every database key later: unreadable, newer schema, encrypted secrets without the key (or with
     * another key), or a database principal named like a config user.
     *
     * @throws ConfigException naming {@code database.uri}, {@code database.secretsKey} or the config user
     */
    public JdbcCredentialStore requireUsable() {
        CredentialRows.Loaded loaded;
        try {
            loaded = rows.read(database);
        } catch (SQLException e) {
            throw new ConfigException("database.uri", "cannot read the credentials of " + database.url() + " ("
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip() + ")");
        } catch (CredentialRows.UnusableException e) {
            throw new ConfigException("database.secretsKey", e.getMessage() + " in " + database.url());
        }
        if (!loaded.collisions().isEmpty()) {
            String name = loaded.collisions().getFirst();
            throw new ConfigException("users[" + name + "].name", "the database " + database.url() + " also has"
                    + " keys for a principal '" + name + "'; principals from config and the database must not share"
                    + " a name (remove one of them)");
        }
        snapshot.refreshNow();
        changes = database.watch(snapshot::refreshNow, refreshInterval);
        return this;
    }

    @Override
    public void close() throws Exception {
        changes.close();
    }

    @Override
    public Optional<Credential> find(String accessKey) {
        CredentialRows.Row row = snapshot.current().keys().get(accessKey);
        if (row == null || (row.expiresAt() != null && !clock.instant().isBefore(row.expiresAt()))) {
            return Optional.empty();
        }
        return Optional.of(row.credential());
    }

    private CredentialRows.Loaded load() throws SQLException, CredentialRows.UnusableException {
        CredentialRows.Loaded loaded = rows.read(database);
        String warning = loaded.warning();
        if (!warning.equals(lastWarning)) {
            lastWarning = warning;
            if (!warning.isEmpty()) {
                LOG.log(Level.WARNING, "credentials table of {0}: {1}", database.url(), warning);
            }
        }
        return loaded;
    }
}
