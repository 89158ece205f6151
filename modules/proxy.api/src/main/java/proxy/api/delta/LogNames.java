package proxy.api.delta;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names the Delta protocol gives to objects under a table's {@code _delta_log/} directory: the one place that
 * decides which keys belong to the log. Anything else under {@code _delta_log/} (a {@code notes.txt}, Hadoop's
 * {@code .N.json.crc} side files, temporary files) is foreign: it is neither served nor listed.
 *
 * <p>Protocol files: commits {@code N.json}; checkpoints {@code N.checkpoint.parquet}, multi-part
 * {@code N.checkpoint.P.T.parquet} and v2 {@code N.checkpoint.<uuid>.(json|parquet)}; checksums {@code N.crc};
 * log compactions {@code X.Y.compacted.json}; {@code _last_checkpoint}; v2 sidecars {@code _sidecars/<name>.parquet};
 * staged commits of catalog-managed tables {@code _staged_commits/N.<uuid>.json}. {@code N} is a 20-digit
 * version, {@code P}/{@code T} 10-digit part numbers.
 */
public final class LogNames {
    /** The log directory, as a key prefix relative to the table root. */
    public static final String DIR = "_delta_log/";

    private static final String V = "(\\d{20})";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern COMMIT = Pattern.compile(V + "\\.json");
    private static final Pattern CHECKPOINT = Pattern.compile(V + "\\.checkpoint\\.parquet");
    private static final Pattern PART = Pattern.compile(V + "\\.checkpoint\\.(\\d{10})\\.(\\d{10})\\.parquet");
    private static final Pattern V2 = Pattern.compile(V + "\\.checkpoint\\." + UUID + "\\.(json|parquet)");
    private static final Pattern CHECKSUM = Pattern.compile(V + "\\.crc");
    private static final Pattern COMPACTED = Pattern.compile(V + "\\." + V + "\\.compacted\\.json");
    private static final Pattern SIDECAR = Pattern.compile("_sidecars/[^/]+\\.parquet");
    private static final Pattern STAGED = Pattern.compile("_staged_commits/" + V + "\\." + UUID + "\\.json");
    private static final String LAST_CHECKPOINT = "_last_checkpoint";

    private LogNames() {
    }

    /** What a protocol file under the log is. */
    public enum Kind {
        COMMIT, CHECKPOINT, CHECKPOINT_PART, V2_CHECKPOINT_JSON, V2_CHECKPOINT_PARQUET, CHECKSUM, COMPACTED,
        LAST_CHECKPOINT, SIDECAR, STAGED_COMMIT
    }

    /**
     * A parsed protocol file name.
     *
     * @param version the (first) version it is for; -1 for {@code _last_checkpoint} and sidecars
     * @param part    the part number of a multi-part checkpoint, else 1
     * @param parts   how many parts its checkpoint has, else 1
     */
    public record Name(Kind kind, long version, int part, int parts) {
    }

    /** Whether a key (relative to the table root) lies under {@code _delta_log/}. */
    public static boolean inLog(String key) {
        return key.startsWith(DIR);
    }

    /** Whether a key is a file the protocol defines under {@code _delta_log/}. */
    public static boolean isProtocolFile(String key) {
        return parse(key).isPresent();
    }

    /** The protocol name of a key under {@code _delta_log/}; empty for any other key. */
    public static Optional<Name> parse(String key) {
        if (!inLog(key)) {
            return Optional.empty();
        }
        String name = key.substring(DIR.length());
        if (name.equals(LAST_CHECKPOINT)) {
            return Optional.of(new Name(Kind.LAST_CHECKPOINT, -1, 1, 1));
        }
        if (SIDECAR.matcher(name).matches()) {
            return Optional.of(new Name(Kind.SIDECAR, -1, 1, 1));
        }
        Matcher m;
        if ((m = COMMIT.matcher(name)).matches()) {
            return versioned(Kind.COMMIT, m);
        }
        if ((m = CHECKPOINT.matcher(name)).matches()) {
            return versioned(Kind.CHECKPOINT, m);
        }
        if ((m = PART.matcher(name)).matches()) {
            long part = Long.parseLong(m.group(2));
            long parts = Long.parseLong(m.group(3));
            return part < 1 || part > parts || parts > Integer.MAX_VALUE ? Optional.empty()
                    : versioned(Kind.CHECKPOINT_PART, m).map(n -> new Name(n.kind(), n.version(), (int) part,
                    (int) parts));
        }
        if ((m = V2.matcher(name)).matches()) {
            return versioned(m.group(2).equals("json") ? Kind.V2_CHECKPOINT_JSON : Kind.V2_CHECKPOINT_PARQUET, m);
        }
        if ((m = CHECKSUM.matcher(name)).matches()) {
            return versioned(Kind.CHECKSUM, m);
        }
        if ((m = COMPACTED.matcher(name)).matches()) {
            return versioned(Kind.COMPACTED, m);
        }
        if ((m = STAGED.matcher(name)).matches()) {
            return versioned(Kind.STAGED_COMMIT, m);
        }
        return Optional.empty();
    }

    /** The key of the commit file of a version. */
    public static String commitKey(long version) {
        return DIR + String.format("%020d.json", version);
    }

    /** The name with the version of group 1; empty for a version beyond {@code Long.MAX_VALUE} (no version). */
    private static Optional<Name> versioned(Kind kind, Matcher m) {
        try {
            return Optional.of(new Name(kind, Long.parseLong(m.group(1)), 1, 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
