package proxy.delta.log;

import java.util.Objects;
import java.util.Optional;

/**
 * What the latest indexed version of a table says about reading its log: the column mapping of its latest
 * {@code metaData} and its latest {@code protocol}
 * (empty when the log has none: the filtered log then fails closed).
 */
public record LogState(ColumnMapping mapping, Optional<Protocol> protocol) {
    public LogState {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(protocol, "protocol");
    }
}
