package proxy.delta.log;

import java.util.Objects;
import java.util.Optional;
import proxy.api.delta.LogNames;

/**
 * One file of {@code _delta_log/} that the index reads: a JSON commit or (a part of) a checkpoint. Other protocol
 * files (checksums, {@code _last_checkpoint}, compacted logs, sidecars, which a checkpoint names itself) are not
 * {@code LogFile}s; the names are {@link LogNames}'.
 *
 * @param key     the key relative to the table root
 * @param size    the object size in bytes
 * @param version the table version the file is for
 * @param kind    what it is
 */
public record LogFile(String key, long size, long version, Kind kind) {
    /** The log directory, as a key prefix. */
    public static final String LOG_DIR = LogNames.DIR;

    public LogFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
    }

    /** What a log file is; a checkpoint part knows its number and how many parts there are. */
    public sealed interface Kind {
    }

    /** A JSON commit. */
    public record Commit() implements Kind {
    }

    /**
     * A checkpoint file, one of {@code parts} (1 for a single-file or v2 checkpoint).
     *
     * @param json whether it is a JSON v2 checkpoint (else Parquet)
     */
    public record Checkpoint(int part, int parts, boolean json) implements Kind {
    }

    /** The log file a key names, if it is one. */
    public static Optional<LogFile> parse(String key, long size) {
        return LogNames.parse(key).flatMap(name -> {
            Kind kind = switch (name.kind()) {
                case COMMIT -> new Commit();
                case CHECKPOINT, CHECKPOINT_PART, V2_CHECKPOINT_PARQUET ->
                        new Checkpoint(name.part(), name.parts(), false);
                case V2_CHECKPOINT_JSON -> new Checkpoint(1, 1, true);
                case CHECKSUM, COMPACTED, LAST_CHECKPOINT, SIDECAR, STAGED_COMMIT -> null;
            };
            return Optional.ofNullable(kind).map(k -> new LogFile(key, size, name.version(), k));
        });
    }

    /** The key of the commit file of a version. */
    public static String commitKey(long version) {
        return LogNames.commitKey(version);
    }
}
