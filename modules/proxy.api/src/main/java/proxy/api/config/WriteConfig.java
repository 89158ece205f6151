package proxy.api.config;

import java.util.Objects;
import java.util.Optional;

/**
 * How writes ({@code readOnly: false}) are bounded and how the proxy marks the files it wrote.
 *
 * @param provenanceKey  the HMAC key that signs the provenance metadata of every uploaded data file (which principal
 *                       uploaded it, for which partition); every replica needs the same key; required when
 *                       {@code readOnly} is false; masked when printed
 * @param maxObjectBytes the largest data file a PutObject may carry
 * @param maxCommitBytes the largest commit ({@code _delta_log/<N>.json}) the proxy parses and accepts
 */
public record WriteConfig(Optional<Secret> provenanceKey, long maxObjectBytes, long maxCommitBytes) {
    /** No key (writes impossible), 5 GiB objects (S3's single-PUT limit), 16 MiB commits. */
    public static final WriteConfig DEFAULT = new WriteConfig(Optional.empty(), 5L << 30, 16L << 20);

    public WriteConfig {
        Objects.requireNonNull(provenanceKey, "provenanceKey");
        provenanceKey.ifPresent(k -> {
            if (k.reveal().length() < 32) {
                throw new ConfigException("writes.provenanceKey", "must be at least 32 characters");
            }
        });
        if (maxObjectBytes < 1 || maxObjectBytes > (5L << 30)) {
            throw new ConfigException("writes.maxObjectBytes", "must be between 1 and 5368709120 (5 GiB)");
        }
        if (maxCommitBytes < 1024 || maxCommitBytes > (1L << 30)) {
            throw new ConfigException("writes.maxCommitBytes", "must be between 1024 and 1073741824 (1 GiB)");
        }
    }
}
