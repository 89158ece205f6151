package proxy.api.delta;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file the Delta log references, as a listing shows it: its key and what the log says about it.
 *
 * @param key          relative to the table root
 * @param size         the {@code size} of its {@code add} (or, lacking one, {@code remove}/{@code cdc}) action;
 *                     empty when the log does not state it (deletion-vector files, a size-less {@code remove})
 * @param lastModified the {@code modificationTime} of its {@code add}; empty when the log does not state it
 */
public record IndexedFile(String key, OptionalLong size, Optional<Instant> lastModified) {
    public IndexedFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** Whether the log states both size and modification time. */
    public boolean described() {
        return size.isPresent() && lastModified.isPresent();
    }
}
