package proxy.delta.log;

import java.util.Map;

/** Receives the actions of log files in log order. */
public interface ActionSink {

    /** An {@code add}, {@code remove} or {@code cdc} action. */
    void file(FileAction action);

    /** A {@code metaData} action's schema and configuration (the later one wins). */
    void metadata(String schemaString, Map<String, String> configuration);

    /** A {@code protocol} action (the later one wins); ignored unless a sink needs the table's protocol. */
    default void protocol(Protocol protocol) {
    }
}
