package proxy.authz.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.admin.AccessAdmin.GrantRow;
import proxy.api.admin.AccessAdmin.Refused;
import proxy.api.config.PartitionSpec;
import proxy.api.policy.Access;

/**
 * Writes and lists the {@code permissions} table for the {@code grants} commands, in the form
 * {@link JdbcPolicyStore} reads ({@code partition_filters} a JSON object of strings and nulls). The caller owns the
 * connection and its transaction.
 */
public final class PermissionsTable {
    private final ObjectMapper json = new ObjectMapper();
    private final PermissionRows rows = new PermissionRows();
    private final Connection connection;

    public PermissionsTable(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Inserts a grant; returns its id. */
    public long add(String principal, String table, PartitionSpec partition, Access access) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO permissions (user_id, table_name, partition_filters, access) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, principal);
            st.setString(2, table);
            st.setString(3, json.writeValueAsString(partition.values()));
            st.setString(4, access.word());
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write partition values as JSON", e);
        }
    }

    /** The grants by id, optionally of one principal and/or table. */
    public List<GrantRow> list(Optional<String> principal, Optional<String> table) throws SQLException {
        var out = new ArrayList<GrantRow>();
        try (PreparedStatement st = connection.prepareStatement("SELECT id, user_id, table_name, partition_filters, access"
                + " FROM permissions WHERE (? IS NULL OR user_id = ?) AND (? IS NULL OR table_name = ?) ORDER BY id")) {
            st.setString(1, principal.orElse(null));
            st.setString(2, principal.orElse(null));
            st.setString(3, table.orElse(null));
            st.setString(4, table.orElse(null));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    /** How many grants name a principal. */
    public int count(String principal) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT COUNT(*) FROM permissions WHERE user_id = ?")) {
            st.setString(1, principal);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Deletes a grant; refused when no grant has this id. */
    public void revoke(long id) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM permissions WHERE id = ?")) {
            st.setLong(1, id);
            if (st.executeUpdate() == 0) {
                throw new Refused("no grant with id " + id);
            }
        }
    }

    private GrantRow row(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        try {
            var grant = rows.grant(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            return new GrantRow(id, grant.principal(), grant.table(), grant.partition(), grant.access());
        } catch (PermissionRows.MalformedRowException e) {
            throw new Refused(e.getMessage() + " (serve refuses every database grant until it is fixed or revoked)");
        }
    }
}
