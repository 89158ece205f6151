package proxy.authz.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import proxy.api.config.PartitionSpec;
import proxy.api.policy.Access;
import proxy.api.policy.PartitionGrant;

/**
 * Turns one row of the {@code permissions} table into a grant. A row that cannot be understood is an error,
 * not a skipped row: the caller then fails the whole table closed, so a typo never silently changes access.
 */
final class PermissionRows {
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param filters the {@code partition_filters} JSON object, e.g. {@code {"MIC":"XLON"}}; {@code {}} for the
     *                whole table; values are strings, JSON null (a null partition), integers or booleans
     * @param access  {@code read} or {@code write}
     * @throws MalformedRowException naming the row id, never its content
     */
    PartitionGrant grant(long id, String userId, String table, String filters, String access)
            throws MalformedRowException {
        if (userId == null || userId.isBlank() || table == null || table.isBlank() || filters == null) {
            throw new MalformedRowException(id, "user_id, table_name and partition_filters are required");
        }
        return new PartitionGrant(userId, table, spec(id, filters), "db:permissions#" + id, access(id, access));
    }

    private static Access access(long id, String access) throws MalformedRowException {
        if ("read".equals(access)) {
            return Access.READ;
        }
        if ("write".equals(access)) {
            return Access.WRITE;
        }
        throw new MalformedRowException(id, "access must be 'read' or 'write'");
    }

    private PartitionSpec spec(long id, String filters) throws MalformedRowException {
        JsonNode node;
        try {
            node = json.readTree(filters);
        } catch (JacksonException e) {
            throw new MalformedRowException(id, "partition_filters is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRowException(id, "partition_filters must be a JSON object");
        }
        var values = new LinkedHashMap<String, String>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                values.put(e.getKey(), null);
            } else if (v.isTextual() || v.isIntegralNumber() || v.isBoolean()) {
                values.put(e.getKey(), v.asText());
            } else {
                throw new MalformedRowException(id, "partition_filters values must be strings, integers,"
                        + " booleans or null");
            }
        }
        return new PartitionSpec(values);
    }

    /** A row of the permissions table that cannot be turned into a grant. */
    static final class MalformedRowException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedRowException(long id, String reason) {
            super("permissions row id " + id + ": " + reason);
        }
    }
}
