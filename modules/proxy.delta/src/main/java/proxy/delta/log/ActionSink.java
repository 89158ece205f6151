package proxy.delta.log;

import java.util.Map;

/** Receives the actions of log files in log order. */
public interface ActionSink {

    /**
     * Announces the actions of one version: a commit's, or (as one version) a whole checkpoint's, sidecars included.
     * Versions come in ascending order; the actions that follow belong to it.
     */
    default void beginVersion(long version) {
    }

    /** An {@code add}, {@code remove} or {@code cdc} action. */
    void file(FileAction action);

    /** A {@code metaData} action's schema and configuration (the later one wins). */
    void metadata(String schemaString, Map<String, String> configuration);

    /** A {@code protocol} action (the later one wins); ignored unless a sink needs the table's protocol. */
    default void protocol(Protocol protocol) {
    }
}
