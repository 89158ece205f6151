package proxy.auth.credentials;

import java.util.List;
import java.util.Optional;

/** Finds the secret of an access key. Thread-safe. */
@FunctionalInterface
public interface CredentialStore {

    /**
     * The credential of an access key.
     *
     * @return empty when the key is unknown
     * @throws proxy.api.S3Exception {@code ServiceUnavailable} when the store has never been readable
     */
    Optional<Credential> find(String accessKey);

    /**
     * A store that asks the given stores in order and answers the first that knows the key; so config users
     * win over database rows with the same access key, and a database outage never affects config users.
     */
    static CredentialStore firstOf(List<CredentialStore> stores) {
        List<CredentialStore> copy = List.copyOf(stores);
        return accessKey -> {
            for (CredentialStore store : copy) {
                Optional<Credential> found = store.find(accessKey);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }
}
