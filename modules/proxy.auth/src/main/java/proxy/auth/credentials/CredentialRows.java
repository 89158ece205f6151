package proxy.auth.credentials;

import proxy.accessdb.SecretSealer;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import proxy.api.auth.PrincipalNames;
import proxy.accessdb.Schema;
import proxy.accessdb.Database;
import proxy.accessdb.Dialect;

/**
 * Reads the {@code credentials} table (see {@link Schema}) into the keys {@code serve} accepts. Refused, and
 * counted for a warning, are: legacy plain-text secrets (run {@code secrets rotate-key} to encrypt them), rows
 * whose {@code user_id} is not a valid user name (such as {@code *}) and rows whose {@code user_id} names a config
 * user (principals from config and from the database never merge). A sealed secret that does not open (no key, a
 * wrong key, an altered row) fails the whole read: every database key is then refused until it is fixed.
 */
final class CredentialRows {
    /** One accepted key and when it stops working ({@code null}: never). */
    record Row(Credential credential, Instant expiresAt) {
    }

    /**
     * What one read found.
     *
     * @param keys        the accepted keys by access key
     * @param plain       how many legacy plain-text rows were refused
     * @param invalid     user ids refused as invalid or reserved names
     * @param collisions  user ids refused because config defines a user of that name
     */
    record Loaded(Map<String, Row> keys, int plain, List<String> invalid, List<String> collisions) {
        static final Loaded EMPTY = new Loaded(Map.of(), 0, List.of(), List.of());

        /** What an operator should be told about refused rows; empty when nothing was refused. */
        String warning() {
            var parts = new ArrayList<String>();
            if (plain > 0) {
                parts.add(plain + " key(s) stored in plain text are refused (encrypt them with"
                        + " 'delta-s3-proxy secrets rotate-key')");
            }
            if (!invalid.isEmpty()) {
                parts.add("keys of invalid or reserved user names " + invalid + " are refused");
            }
            if (!collisions.isEmpty()) {
                parts.add("keys of " + collisions + " are refused: config users[] defines these names and principals"
                        + " from config and the database must not share a name");
            }
            return String.join("; ", parts);
        }
    }

    /** A credentials table that cannot be used: every database key is refused. */
    static final class UnusableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableException(String message) {
            super(message);
        }
    }

    private final Optional<SecretSealer> sealer;
    private final Set<String> configUsers;

    CredentialRows(Optional<SecretSealer> sealer, Set<String> configUsers) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.configUsers = Set.copyOf(configUsers);
    }

    Loaded read(Database database) throws SQLException, UnusableException {
        try (Connection connection = database.openReadOnly()) {
            int version = Schema.requireKnown(connection);
            if (!Dialect.of(connection).hasTable(connection, JdbcCredentialStore.TABLE)) {
                return Loaded.EMPTY;
            }
            if (version == 0) {
                return new Loaded(Map.of(), count(connection), List.of(), List.of());
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT c.access_key, c.user_id, c.enabled, c.secret_sealed,"
                         + " c.expires_at, p.enabled FROM credentials c LEFT JOIN principals p ON p.name = c.user_id")) {
                return rows(rs);
            }
        }
    }

    private Loaded rows(ResultSet rs) throws SQLException, UnusableException {
        var keys = new HashMap<String, Row>();
        int plain = 0;
        var invalid = new ArrayList<String>();
        var collisions = new ArrayList<String>();
        while (rs.next()) {
            String accessKey = rs.getString(1);
            String user = rs.getString(2);
            String sealed = rs.getString(4);
            if (accessKey == null || accessKey.isEmpty()) {
                continue;
            }
            if (PrincipalNames.problem(user).isPresent()) {
                invalid.add(String.valueOf(user));
            } else if (configUsers.contains(user)) {
                collisions.add(user);
            } else if (sealed == null || sealed.isEmpty()) {
                plain++;
            } else {
                boolean enabled = rs.getInt(3) != 0 && (rs.getObject(6) == null || rs.getInt(6) != 0);
                var credential = new Credential(accessKey, open(accessKey, sealed), user, enabled);
                keys.put(accessKey, new Row(credential, expiry(accessKey, rs.getString(5))));
            }
        }
        return new Loaded(Map.copyOf(keys), plain, List.copyOf(invalid), List.copyOf(collisions));
    }

    private proxy.api.config.Secret open(String accessKey, String sealed) throws UnusableException {
        if (sealer.isEmpty()) {
            throw new UnusableException("the credentials table holds encrypted secrets but no secrets key is"
                    + " configured (set PROXY_SECRETS_KEY or database.secretsKeyFile)");
        }
        try {
            return sealer.get().open(accessKey, sealed);
        } catch (GeneralSecurityException e) {
            throw new UnusableException("the secret of access key " + accessKey + " does not decrypt with the"
                    + " configured secrets key (a different key, or an altered row)");
        }
    }

    private static Instant expiry(String accessKey, String text) throws UnusableException {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnusableException("expires_at of access key " + accessKey + " is not an ISO-8601 instant");
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + JdbcCredentialStore.TABLE)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
