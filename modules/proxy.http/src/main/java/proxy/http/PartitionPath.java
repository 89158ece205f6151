package proxy.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import proxy.api.Ascii;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * The partition a data file's key declares: its Hive-style directories {@code column=value} (as Spark and Delta
 * write them: the value escaped with {@code %XX}, a null value as {@code __HIVE_DEFAULT_PARTITION__}). A key
 * without such directories declares no partition values, which only a write grant on the whole table covers.
 * Deletion vectors ({@code [prefix/]deletion_vector_<uuid>.bin}) belong to no partition; a commit decides which
 * files they apply to.
 */
final class PartitionPath {
    /** How Hive writes a null partition value. */
    static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

    private static final Pattern DELETION_VECTOR = Pattern.compile(
            "(?:[^/]+/)?deletion_vector_[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\.bin");

    private PartitionPath() {
    }

    /** Whether the key names a deletion-vector file. */
    static boolean deletionVector(String key) {
        return DELETION_VECTOR.matcher(key).matches();
    }

    /**
     * The partition values the key's directories declare, column to value ({@code null} for a null partition), in
     * path order.
     *
     * @throws S3Exception InvalidArgument when a column appears twice or a value is not a valid escape
     */
    static Map<String, String> of(String key) {
        var values = new LinkedHashMap<String, String>();
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            int eq = segments[i].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String column = unescape(segments[i].substring(0, eq));
            String raw = segments[i].substring(eq + 1);
            String value = raw.equals(HIVE_NULL) ? null : unescape(raw);
            if (values.containsKey(column)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The key names partition column " + column
                        + " twice.");
            }
            values.put(column, value);
        }
        return values;
    }

    /** The directory part of a key that holds its partition ({@code ""} for none): what a provenance signs. */
    static String directories(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash + 1);
    }

    /** Hive's unescaping: each {@code %XX} is the character with that code (Spark escapes ASCII only). */
    private static String unescape(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int hi = i + 2 < text.length() ? Ascii.hexDigit(text.charAt(i + 1)) : -1;
            int lo = hi < 0 ? -1 : Ascii.hexDigit(text.charAt(i + 2));
            if (lo < 0) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The key has a malformed partition escape.");
            }
            out.append((char) (hi * 16 + lo));
            i += 2;
        }
        return out.toString();
    }
}
