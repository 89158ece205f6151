package proxy.api.config;

/** How {@code _delta_log} objects are served to principals with a grant on the table. */
public enum DeltaLogMode {
    /** The log is served as stored (the specification's behaviour). */
    PASSTHROUGH("passthrough"),
    /**
     * A principal whose grants do not cover the whole table reads a log holding only the actions of the files it
     * may read (a valid, smaller Delta table); a whole-table grant reads the log as stored.
     */
    FILTERED("filtered");

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
        throw new ConfigException("deltaLog", "must be 'passthrough' or 'filtered', not '" + name + "'");
    }
}
