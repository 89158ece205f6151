package proxy.api.storage;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * A single HTTP byte range as a client asked for it, before the object's size is known. S3 serves one range
 * per request; a header it cannot parse (or with several ranges) is ignored and the whole object is sent.
 * The unit is case-insensitive (RFC 9110 section 14.1). Positions beyond 2^63-1 are well-formed and saturate at
 * {@link Long#MAX_VALUE}: past any object's end, so a huge first position is unsatisfiable (416) and a huge last
 * position or suffix length reaches the end (206); they never fall back to a full 200.
 */
public sealed interface ByteRange {

    /** {@code bytes=first-last}, both inclusive. */
    record Closed(long first, long last) implements ByteRange {
        @Override
        public Resolved resolve(long size) {
            if (first >= size) {
                throw unsatisfiable();
            }
            return new Resolved(first, Math.min(last, size - 1), size);
        }

        @Override
        public String header() {
            return "bytes=" + first + "-" + last;
        }
    }

    /** {@code bytes=first-}: from an offset to the end. */
    record From(long first) implements ByteRange {
        @Override
        public Resolved resolve(long size) {
            if (first >= size) {
                throw unsatisfiable();
            }
            return new Resolved(first, size - 1, size);
        }

        @Override
        public String header() {
            return "bytes=" + first + "-";
        }
    }

    /** {@code bytes=-length}: the last {@code length} bytes. */
    record Suffix(long length) implements ByteRange {
        @Override
        public Resolved resolve(long size) {
            if (length == 0 || size == 0) {
                throw unsatisfiable();
            }
            return new Resolved(Math.max(0, size - length), size - 1, size);
        }

        @Override
        public String header() {
            return "bytes=-" + length;
        }
    }

    /**
     * The range against an object of the given size.
     *
     * @throws S3Exception {@link S3ErrorCode#INVALID_RANGE} when no byte of the object is in the range
     */
    Resolved resolve(long size);

    /** The {@code Range} header value that asks for this range. */
    String header();

    /**
     * A range resolved against an object: inclusive bounds and the object's total size.
     */
    record Resolved(long first, long last, long total) {
        /** The number of bytes in the range. */
        public long length() {
            return last - first + 1;
        }

        /** The {@code Content-Range} header value, e.g. {@code bytes 0-99/1000}. */
        public String contentRange() {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    /**
     * Parses a {@code Range} header.
     *
     * @param header the header value, may be null
     * @return empty for no header and for any header S3 would ignore (malformed, several ranges, a unit other
     *         than bytes, last before first)
     */
    static Optional<ByteRange> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var m = Holder.SINGLE.matcher(header.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String a = m.group(1);
        String b = m.group(2);
        if (a.isEmpty() && b.isEmpty()) {
            return Optional.empty();
        }
        if (a.isEmpty()) {
            return Optional.of(new Suffix(saturated(b)));
        }
        long first = saturated(a);
        if (b.isEmpty()) {
            return Optional.of(new From(first));
        }
        boolean lastBeforeFirst = new BigInteger(b).compareTo(new BigInteger(a)) < 0;
        return lastBeforeFirst ? Optional.empty() : Optional.of(new Closed(first, saturated(b)));
    }

    /** A run of decimal digits as a long, {@link Long#MAX_VALUE} when larger. */
    private static long saturated(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 19) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(significant);
        } catch (NumberFormatException beyondLong) {
            return Long.MAX_VALUE;
        }
    }

    private static S3Exception unsatisfiable() {
        return new S3Exception(S3ErrorCode.INVALID_RANGE);
    }

    /** Holds the compiled pattern; interfaces cannot have private static fields. */
    final class Holder {
        static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)", Pattern.CASE_INSENSITIVE);

        private Holder() {
        }
    }
}
