package proxy.api.config;

import java.net.URI;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may do what: client authentication, the principals and grants in config, the policy database, and whether
 * writes are refused. Keys {@code auth}, {@code users}, {@code allowedPartitions}, {@code database},
 * {@code readOnly}, {@code writes}. Grants may name only tables of {@code tableMapping}; {@link ProxyConfig} checks that.
 *
 * @param auth              how clients are authenticated
 * @param users             principals defined in config
 * @param allowedPartitions grants for every authenticated principal, by table alias
 * @param database          the policy database
 * @param databaseEnabled   whether grants and credentials are also read from the database
 * @param readOnly          whether writes are refused with 405
 * @param writes            how writes are bounded and signed; its {@code provenanceKey} is required when
 *                          {@code readOnly} is false
 */
public record AccessConfig(AuthConfig auth, List<UserConfig> users, Map<String, List<PartitionSpec>> allowedPartitions,
                           DatabaseConfig database, boolean databaseEnabled, boolean readOnly, WriteConfig writes) {
    public AccessConfig {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(writes, "writes");
        if (!readOnly && writes.provenanceKey().isEmpty()) {
            throw new ConfigException("writes.provenanceKey", "is required when readOnly is false");
        }
        users = List.copyOf(users);
        allowedPartitions = copy("allowedPartitions", allowedPartitions);
        var keys = new HashSet<String>();
        var names = new HashSet<String>();
        for (UserConfig user : users) {
            if (!keys.add(user.accessKey())) {
                throw new ConfigException("users[" + user.name() + "].accessKey", "is used by another user");
            }
            if (!names.add(user.name())) {
                throw new ConfigException("users[" + user.name() + "].name", "is used by another user");
            }
        }
    }

    /** Checks that every grant names a table of {@code tables}. */
    void checkTables(Map<String, URI> tables) {
        checkTables("allowedPartitions", allowedPartitions, tables);
        for (UserConfig user : users) {
            checkTables("users[" + user.name() + "].grants", user.grants(), tables);
            checkTables("users[" + user.name() + "].writeGrants", user.writeGrants(), tables);
        }
    }

    private static void checkTables(String key, Map<String, List<PartitionSpec>> grants, Map<String, URI> tables) {
        grants.keySet().forEach(alias -> {
            if (!tables.containsKey(alias)) {
                throw new ConfigException(key + "." + alias, "names a table that is not in tableMapping");
            }
        });
    }

    private static Map<String, List<PartitionSpec>> copy(String key, Map<String, List<PartitionSpec>> grants) {
        Objects.requireNonNull(grants, key);
        var copy = new LinkedHashMap<String, List<PartitionSpec>>();
        grants.forEach((alias, specs) -> copy.put(alias, List.copyOf(specs)));
        return Collections.unmodifiableMap(copy);
    }
}
