package proxy.api.config;

/** How a GET of a readable data file is answered. */
public enum GetMode {
    /**
     * The default: a 307 to a presigned backend URL for clients known to follow it correctly (decided from the
     * User-Agent, or an explicit opt-in by the client), the object streamed for every other client. Both paths
     * are authorized the same way; the choice only decides who carries the bytes.
     */
    AUTO("auto"),
    /** The proxy streams the object from the backend. */
    PROXY("proxy"),
    /** The proxy answers 307 with a presigned backend URL (streams when the store cannot presign). */
    PRESIGNED_URL("presignedUrl");

    private final String configName;

    GetMode(String configName) {
        this.configName = configName;
    }

    /** The spelling in config.json. */
    public String configName() {
        return configName;
    }

    /**
     * @throws ConfigException naming {@code getMode} when the name is not one of the spellings
     */
    public static GetMode fromConfig(String name) {
        for (GetMode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        throw new ConfigException("getMode", "must be 'auto', 'proxy' or 'presignedUrl', not '" + name + "'");
    }
}
