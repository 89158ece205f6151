package proxy.api.config;

/** How {@code _delta_log} objects are served to principals with a grant on the table. */
public enum DeltaLogMode {
    /** The log is served as stored (the specification's behaviour). */
    PASSTHROUGH("passthrough");

    private final String configName;

    DeltaLogMode(String configName) {
        this.configName = configName;
    }

    /** The spelling in config.json. */
    public String configName() {
        return configName;
    }

    /**
     * @throws ConfigException naming {@code deltaLog} for an unknown or not yet supported mode
     */
    public static DeltaLogMode fromConfig(String name) {
        for (DeltaLogMode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        throw new ConfigException("deltaLog", "must be 'passthrough', not '" + name + "'");
    }
}
