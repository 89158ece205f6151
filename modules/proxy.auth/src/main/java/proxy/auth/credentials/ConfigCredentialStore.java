package proxy.auth.credentials;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import proxy.api.config.UserConfig;

/** The access keys of config.json's {@code users[]}; always enabled. */
public final class ConfigCredentialStore implements CredentialStore {
    private final Map<String, Credential> byAccessKey;

    public ConfigCredentialStore(List<UserConfig> users) {
        var map = new HashMap<String, Credential>();
        for (UserConfig user : users) {
            map.put(user.accessKey(), new Credential(user.accessKey(), user.secretKey(), user.name(), true));
        }
        this.byAccessKey = Map.copyOf(map);
    }

    @Override
    public Optional<Credential> find(String accessKey) {
        return Optional.ofNullable(byAccessKey.get(accessKey));
    }
}
