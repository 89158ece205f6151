package proxy.api.config;

/**
 * A configuration value is missing, unknown or invalid. The message is one line that names the offending key
 * (for example {@code tableMapping.trades: unsupported URI scheme 'http'}); startup prints it and exits 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key    the dotted configuration key at fault, e.g. {@code s3.endpoint}
     * @param reason what is wrong with it, without the value when the value is secret
     */
    public ConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    /** The dotted configuration key at fault. */
    public String key() {
        return key;
    }
}
