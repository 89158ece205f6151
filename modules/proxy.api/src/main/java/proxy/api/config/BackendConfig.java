package proxy.api.config;

import java.util.Objects;

/**
 * How the proxy reaches the backend and how data-file GETs are answered. Keys {@code s3}, {@code defaultAuthMode},
 * {@code getMode}, {@code proxyPartial}, {@code presignTtlSeconds}.
 *
 * @param s3                how the {@code s3} store reaches the backend
 * @param defaultAuthMode   how backend calls are authenticated; only {@code iam} is supported
 * @param getMode           how GETs of data files are answered
 * @param proxyPartial      whether ranged GETs are streamed even in presigned mode
 * @param presignTtlSeconds lifetime of presigned backend URLs
 */
public record BackendConfig(S3BackendConfig s3, String defaultAuthMode, GetMode getMode, boolean proxyPartial,
                            int presignTtlSeconds) {
    public BackendConfig {
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(defaultAuthMode, "defaultAuthMode");
        Objects.requireNonNull(getMode, "getMode");
        if (!"iam".equals(defaultAuthMode)) {
            throw new ConfigException("defaultAuthMode", "only 'iam' is supported: the proxy signs backend calls"
                    + " with its own credentials and never forwards a client's signature");
        }
        if (presignTtlSeconds < 1 || presignTtlSeconds > 604_800) {
            throw new ConfigException("presignTtlSeconds", "must be between 1 and 604800 (7 days)");
        }
    }
}
