package proxy.api.config;

/** How a GET of a readable data file is answered. */
public enum GetMode {
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
        throw new ConfigException("getMode", "must be 'proxy' or 'presignedUrl', not '" + name + "'");
    }
}
