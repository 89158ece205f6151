package proxy.authz.admin;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.admin.AccessAdmin.KeySummary;
import proxy.api.admin.AccessAdmin.Refused;
import proxy.api.config.Secret;
import proxy.accessdb.SecretSealer;

/**
 * The {@code credentials} rows of the administration commands: inserting sealed keys, expiring rotated ones and
 * re-sealing every secret under a new key. The caller owns the connection and its transaction.
 */
final class KeyRows {
    /** A stored row: its secret sealed ({@code sealed}) or, for a legacy row, in plain text. */
    private record Stored(String accessKey, String plain, String sealed, Optional<Instant> expiresAt) {
    }

    private final Connection connection;

    KeyRows(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    void insert(String principal, String accessKey, Secret secret, SecretSealer sealer) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO credentials (access_key, secret_key,"
                + " user_id, enabled, secret_sealed, expires_at) VALUES (?, '', ?, 1, ?, NULL)")) {
            st.setString(1, accessKey);
            st.setString(2, principal);
            st.setString(3, sealer.seal(accessKey, secret));
            st.executeUpdate();
        }
    }

    /**
     * Refuses a key that does not open the secrets already stored: a row sealed under another key would make
     * {@code serve} refuse every database key.
     */
    void requireOpens(SecretSealer sealer) throws SQLException {
        for (Stored row : stored(null)) {
            if (row.sealed() != null && !row.sealed().isEmpty()) {
                secret(row, Optional.of(sealer));
                return;
            }
        }
    }

    /** A principal's keys, newest first. */
    List<KeySummary> of(String principal) throws SQLException {
        var out = new ArrayList<KeySummary>();
        for (Stored row : stored(principal)) {
            out.add(new KeySummary(row.accessKey(), row.expiresAt()));
        }
        return out;
    }

    /**
     * Lets a principal's current keys work until {@code until} (a key already ending sooner keeps its end); deletes
     * those whose end has passed, and all of them when {@code until} is now.
     */
    void expire(String principal, Instant now, Instant until) throws SQLException {
        for (Stored row : stored(principal)) {
            Instant end = row.expiresAt().filter(e -> e.isBefore(until)).orElse(until);
            if (!end.isAfter(now)) {
                update("DELETE FROM credentials WHERE access_key = ?", row.accessKey());
            } else {
                update("UPDATE credentials SET expires_at = ? WHERE access_key = ?", end.toString(), row.accessKey());
            }
        }
    }

    /**
     * Seals every secret under {@code next}: sealed ones are opened with {@code current} first, plain ones are taken
     * as they are (and their plain text erased).
     *
     * @return how many rows were re-sealed
     * @throws Refused when a sealed secret exists and {@code current} is missing or does not open it
     */
    int reseal(Optional<SecretSealer> current, SecretSealer next) throws SQLException {
        List<Stored> all = stored(null);
        for (Stored row : all) {
            Secret secret = secret(row, current);
            update("UPDATE credentials SET secret_sealed = ?, secret_key = '' WHERE access_key = ?",
                    next.seal(row.accessKey(), secret), row.accessKey());
        }
        return all.size();
    }

    private static Secret secret(Stored row, Optional<SecretSealer> current) {
        if (row.sealed() == null || row.sealed().isEmpty()) {
            return new Secret(row.plain());
        }
        if (current.isEmpty()) {
            throw new Refused("the database holds encrypted secrets: configure the current secrets key"
                    + " (PROXY_SECRETS_KEY or database.secretsKeyFile) as well as --new-key-file");
        }
        try {
            return current.get().open(row.accessKey(), row.sealed());
        } catch (GeneralSecurityException e) {
            throw new Refused("the secret of access key " + row.accessKey() + " does not decrypt with the configured"
                    + " secrets key (configure the key the database was written with); nothing was changed");
        }
    }

    private List<Stored> stored(String principal) throws SQLException {
        var out = new ArrayList<Stored>();
        try (PreparedStatement st = connection.prepareStatement("SELECT access_key, secret_key, secret_sealed,"
                + " expires_at FROM credentials WHERE (? IS NULL OR user_id = ?) ORDER BY rowid DESC")) {
            st.setString(1, principal);
            st.setString(2, principal);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                            expiry(rs.getString(1), rs.getString(4))));
                }
            }
        }
        return out;
    }

    private static Optional<Instant> expiry(String accessKey, String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new Refused("expires_at of access key " + accessKey + " is not an ISO-8601 instant: fix or delete"
                    + " that row");
        }
    }

    private void update(String sql, String... values) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setString(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }
}
