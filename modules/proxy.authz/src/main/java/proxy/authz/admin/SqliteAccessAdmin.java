package proxy.authz.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import proxy.api.admin.AccessAdmin;
import proxy.api.auth.PrincipalNames;
import proxy.api.config.PartitionSpec;
import proxy.api.config.Secret;
import proxy.api.policy.Access;
import proxy.api.policy.PartitionGrant;
import proxy.accessdb.SecretSealer;
import proxy.authz.policy.PermissionsTable;

/**
 * The administration operations on one open read-write connection, each in its own transaction (rolled back on
 * any failure). Principal names are checked by {@link PrincipalNames}; a name config {@code users[]} defines is
 * refused, so principals from config and the database never merge. Secrets are stored only sealed.
 */
final class SqliteAccessAdmin implements AccessAdmin {
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection connection;
    private final String url;
    private final Optional<SecretSealer> sealer;
    private final Set<String> configUsers;
    private final Set<String> tables;
    private final Clock clock;
    private final NewKeys newKeys = new NewKeys();
    private final KeyRows keys;
    private final PermissionsTable permissions;

    /**
     * @param connection  a read-write connection without auto-commit, schema current; closed by {@link #close}
     * @param url         the database's resolved URL, for messages
     * @param configUsers the names of config users
     * @param tables      the table aliases of tableMapping
     */
    SqliteAccessAdmin(Connection connection, String url, Optional<Secret> secretsKey, Set<String> configUsers,
                      Set<String> tables, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.url = Objects.requireNonNull(url, "url");
        this.sealer = secretsKey.map(SecretSealer::new);
        this.configUsers = Set.copyOf(configUsers);
        this.tables = Set.copyOf(tables);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new KeyRows(connection);
        this.permissions = new PermissionsTable(connection);
    }

    @Override
    public IssuedKey addUser(String name) {
        PrincipalNames.problem(name).ifPresent(problem -> {
            throw new Refused("invalid user name: " + problem);
        });
        if (configUsers.contains(name)) {
            throw new Refused("config users[] already defines '" + name + "'; principals from config and the"
                    + " database must not share a name");
        }
        SecretSealer seal = requireSealer();
        return transaction(() -> {
            keys.requireOpens(seal);
            if (exists(name)) {
                throw new Refused("user '" + name + "' already exists");
            }
            try (PreparedStatement st = connection.prepareStatement(
                    "INSERT INTO principals (name, enabled, created_at) VALUES (?, 1, ?)")) {
                st.setString(1, name);
                st.setString(2, clock.instant().toString());
                st.executeUpdate();
            }
            return issue(name, seal);
        });
    }

    @Override
    public List<UserSummary> users() {
        return transaction(() -> {
            var out = new ArrayList<UserSummary>();
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT name, enabled FROM principals ORDER BY name");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    out.add(new UserSummary(name, rs.getInt(2) != 0, keys.of(name), permissions.count(name)));
                }
            }
            return out;
        });
    }

    @Override
    public void setEnabled(String name, boolean enabled) {
        transaction(() -> {
            try (PreparedStatement st = connection.prepareStatement("UPDATE principals SET enabled = ? WHERE name = ?")) {
                st.setInt(1, enabled ? 1 : 0);
                st.setString(2, name);
                if (st.executeUpdate() == 0) {
                    throw noSuchUser(name);
                }
            }
            return null;
        });
    }

    @Override
    public IssuedKey rotateKey(String name, Duration grace) {
        if (grace.isNegative()) {
            throw new Refused("the grace period must not be negative");
        }
        SecretSealer seal = requireSealer();
        return transaction(() -> {
            if (!exists(name)) {
                throw noSuchUser(name);
            }
            keys.requireOpens(seal);
            Instant now = clock.instant();
            keys.expire(name, now, now.plus(grace));
            return issue(name, seal);
        });
    }

    @Override
    public long addGrant(String principal, String table, PartitionSpec partition) {
        return addGrant(principal, table, partition, Access.READ);
    }

    @Override
    public long addGrant(String principal, String table, PartitionSpec partition, Access access) {
        if (!tables.contains(table)) {
            throw new Refused("no table '" + table + "' in tableMapping (tables: " + tables.stream().sorted().toList()
                    + ")");
        }
        return transaction(() -> {
            if (!principal.equals(PartitionGrant.EVERYONE) && !configUsers.contains(principal) && !exists(principal)) {
                throw noSuchUser(principal);
            }
            return permissions.add(principal, table, partition, access);
        });
    }

    @Override
    public List<GrantRow> grants(Optional<String> principal, Optional<String> table) {
        return transaction(() -> permissions.list(principal, table));
    }

    @Override
    public void revokeGrant(long id) {
        transaction(() -> {
            permissions.revoke(id);
            return null;
        });
    }

    @Override
    public int rotateSecretsKey(Secret newKey) {
        var next = new SecretSealer(newKey);
        return transaction(() -> keys.reseal(sealer, next));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + url + " failed: " + e.getMessage(), e);
        }
    }

    private IssuedKey issue(String name, SecretSealer seal) throws SQLException {
        String accessKey = newKeys.accessKey();
        Secret secret = newKeys.secret();
        keys.insert(name, accessKey, secret, seal);
        return new IssuedKey(name, accessKey, secret);
    }

    private boolean exists(String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM principals WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private SecretSealer requireSealer() {
        return sealer.orElseThrow(() -> new Refused("no secrets key is configured, and secrets are never stored in"
                + " plain text: set PROXY_SECRETS_KEY or database.secretsKeyFile to 32 random bytes in base64"
                + " (head -c 32 /dev/urandom | base64)"));
    }

    private static Refused noSuchUser(String name) {
        return new Refused("no user '" + name + "' in the database (add it with: users add " + name + ")");
    }

    private <T> T transaction(Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot update " + url + ": "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip(), e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is unusable; the transaction is lost with it
        }
    }
}
