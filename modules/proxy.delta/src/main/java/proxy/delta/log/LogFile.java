package proxy.delta.log;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file of {@code _delta_log/} that the index reads: a JSON commit or (a part of) a checkpoint. Other files
 * (checksums, {@code _last_checkpoint}, compacted logs, temporary files) are not {@code LogFile}s.
 *
 * @param key     the key relative to the table root
 * @param size    the object size in bytes
 * @param version the table version the file is for
 * @param kind    what it is
 */
public record LogFile(String key, long size, long version, Kind kind) {
    /** The log directory, as a key prefix. */
    public static final String LOG_DIR = "_delta_log/";

    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern SINGLE = Pattern.compile("(\\d{20})\\.checkpoint\\.parquet");
    private static final Pattern PART = Pattern.compile("(\\d{20})\\.checkpoint\\.(\\d{10})\\.(\\d{10})\\.parquet");
    private static final Pattern V2 = Pattern.compile("(\\d{20})\\.checkpoint\\.[0-9a-fA-F-]{36}\\.(json|parquet)");

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
        if (!key.startsWith(LOG_DIR) || key.indexOf('/', LOG_DIR.length()) >= 0) {
            return Optional.empty();
        }
        String name = key.substring(LOG_DIR.length());
        var m = COMMIT.matcher(name);
        if (m.matches()) {
            return Optional.of(new LogFile(key, size, Long.parseLong(m.group(1)), new Commit()));
        }
        m = SINGLE.matcher(name);
        if (m.matches()) {
            return Optional.of(new LogFile(key, size, Long.parseLong(m.group(1)), new Checkpoint(1, 1, false)));
        }
        m = PART.matcher(name);
        if (m.matches()) {
            var kind = new Checkpoint(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), false);
            return Optional.of(new LogFile(key, size, Long.parseLong(m.group(1)), kind));
        }
        m = V2.matcher(name);
        if (m.matches()) {
            var kind = new Checkpoint(1, 1, m.group(2).equals("json"));
            return Optional.of(new LogFile(key, size, Long.parseLong(m.group(1)), kind));
        }
        return Optional.empty();
    }

    /** The key of the commit file of a version. */
    public static String commitKey(long version) {
        return LOG_DIR + String.format("%020d.json", version);
    }
}
