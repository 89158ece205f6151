package proxy.api.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import proxy.api.auth.PrincipalNames;

/**
 * A principal defined in config.json: its access key pair and its grants.
 *
 * @param name      the principal name used in grants, logs and the audit trail
 * @param accessKey the public access key id
 * @param secretKey the secret key; masked when printed
 * @param grants      table alias to the partition sets this user may read
 * @param writeGrants table alias to the partition sets this user may write (and read)
 */
public record UserConfig(String name, String accessKey, Secret secretKey, Map<String, List<PartitionSpec>> grants,
                         Map<String, List<PartitionSpec>> writeGrants) {
    public UserConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        PrincipalNames.problem(name).ifPresent(problem -> {
            throw new ConfigException("users[" + name + "].name", problem);
        });
        if (accessKey.isBlank()) {
            throw new ConfigException("users[" + name + "].accessKey", "must not be blank");
        }
        if (secretKey.reveal().isEmpty()) {
            throw new ConfigException("users[" + name + "].secretKey", "must not be empty");
        }
        grants = Map.copyOf(grants);
        grants.values().forEach(List::copyOf);
        writeGrants = Map.copyOf(writeGrants);
    }

    /** A user with read grants only. */
    public UserConfig(String name, String accessKey, Secret secretKey, Map<String, List<PartitionSpec>> grants) {
        this(name, accessKey, secretKey, grants, Map.of());
    }
}
