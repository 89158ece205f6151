package proxy.api.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;

/**
 * The bytes of an object that an allowing {@link Decision} opens: the whole object, or only some runs of it (a
 * deletion-vector file that also holds the vectors of partitions the principal may not read). Such an object is only
 * ever read by ranges whose first byte is readable, with every other byte zeroed; see {@link #startsReadable}.
 */
public final class ReadableBytes {
    /** Every byte of the object. */
    public static final ReadableBytes WHOLE = new ReadableBytes(null);

    /** Sorted, disjoint, non-adjacent runs; null for the whole object. */
    private final List<Run> runs;

    private ReadableBytes(List<Run> runs) {
        this.runs = runs;
    }

    /**
     * A half-open run of bytes {@code [first, end)}.
     *
     * @param first the first readable byte
     * @param end   the first byte after the run; not before {@code first}
     */
    public record Run(long first, long end) {
        public Run {
            if (first < 0 || end < first) {
                throw new IllegalArgumentException("bad byte run " + first + "-" + end);
            }
        }
    }

    /** Only the given runs (in any order, overlapping or adjacent runs are joined; empty runs dropped). */
    public static ReadableBytes only(Collection<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.removeIf(r -> r.first() == r.end());
        sorted.sort(Comparator.comparingLong(Run::first));
        List<Run> joined = new ArrayList<>();
        for (Run r : sorted) {
            Run last = joined.isEmpty() ? null : joined.getLast();
            if (last != null && r.first() <= last.end()) {
                joined.set(joined.size() - 1, new Run(last.first(), Math.max(last.end(), r.end())));
            } else {
                joined.add(r);
            }
        }
        return new ReadableBytes(List.copyOf(joined));
    }

    /** Whether every byte is readable. */
    public boolean whole() {
        return runs == null;
    }

    /**
     * The readable runs, sorted and disjoint.
     *
     * @throws IllegalStateException for {@link #WHOLE}
     */
    public List<Run> runs() {
        if (runs == null) {
            throw new IllegalStateException("the whole object is readable");
        }
        return runs;
    }

    /**
     * Whether a ranged read may be served: its first byte is readable. The answer then holds the whole range asked,
     * with every byte outside the readable runs replaced by zero (see {@link #readable(long)}), so it has the length
     * and {@code Content-Range} the reader expects but none of the other bytes. Readers of deletion vectors ask for
     * more than a vector (Hadoop S3A reads ahead, by default to the end of the object; Delta Kernel 3.x even reads
     * from byte 0 and skips to the vector) but use only the vector's bytes.
     *
     * @param size the object's size, asked only for a suffix range ({@code bytes=-n})
     * @throws S3Exception {@code InvalidRange} for an unsatisfiable suffix range, as {@link ByteRange#resolve}
     * @throws IllegalStateException for {@link #WHOLE}
     */
    public boolean startsReadable(ByteRange range, LongSupplier size) {
        Objects.requireNonNull(range, "range");
        long first = switch (range) {
            case ByteRange.Closed c -> c.first();
            case ByteRange.From f -> f.first();
            case ByteRange.Suffix s -> {
                long total = size.getAsLong();
                if (s.length() == 0 || total == 0) {
                    throw new S3Exception(S3ErrorCode.INVALID_RANGE);
                }
                yield Math.max(0, total - s.length());
            }
        };
        return readable(first);
    }

    /**
     * Whether the byte at a position is readable.
     *
     * @throws IllegalStateException for {@link #WHOLE}
     */
    public boolean readable(long position) {
        for (Run run : runs()) {
            if (run.first() <= position && position < run.end()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadableBytes other && Objects.equals(runs, other.runs);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(runs);
    }

    @Override
    public String toString() {
        return runs == null ? "whole object" : "only " + runs;
    }
}
