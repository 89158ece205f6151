package proxy.delta.filtered;

import java.util.Optional;
import proxy.delta.log.LogFile;

/**
 * Which objects of {@code _delta_log/} exist in the filtered view, and under which name. Commits keep their names;
 * every complete upstream checkpoint of version V (classic, multi-part or v2 with sidecars) is served as the one
 * classic {@code V.checkpoint.parquet}; {@code _last_checkpoint} stays. Everything else is hidden (404 and absent
 * from listings): {@code .crc} files (they would give readers the upstream table's statistics and file list),
 * compaction files, the parts of a multi-part checkpoint after the first, {@code _sidecars/},
 * {@code _staged_commits/}, temporary and unknown files.
 */
public final class LogView {
    /** The name of {@code _last_checkpoint} under the log directory. */
    public static final String LAST_CHECKPOINT = "_last_checkpoint";

    private LogView() {
    }

    /**
     * The name an upstream object has in the filtered view, or empty when it is hidden. A listing maps every
     * upstream name through this and drops duplicates (a classic, a multi-part and a v2 checkpoint of the same
     * version all map to the same name; build it from the classic one when it exists, see
     * {@link FilteredLog#checkpoint}).
     *
     * @param name the object's name relative to {@code _delta_log/} (no leading slash)
     */
    public static Optional<String> filteredName(String name) {
        if (name.equals(LAST_CHECKPOINT)) {
            return Optional.of(name);
        }
        Optional<LogFile> file = LogFile.parse(LogFile.LOG_DIR + name, 0);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return switch (file.get().kind()) {
            case LogFile.Commit c -> Optional.of(name);
            case LogFile.Checkpoint c -> c.part() == 1 ? Optional.of(checkpointName(file.get().version()))
                    : Optional.empty();
        };
    }

    /** Whether an upstream object appears in the filtered view (under {@link #filteredName}). */
    public static boolean visible(String name) {
        return filteredName(name).isPresent();
    }

    /** The name of the filtered checkpoint served for the upstream checkpoint of {@code version}. */
    public static String checkpointName(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("negative version");
        }
        return String.format("%020d.checkpoint.parquet", version);
    }
}
