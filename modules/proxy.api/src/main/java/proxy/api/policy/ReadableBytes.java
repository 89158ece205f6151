package proxy.api.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;

/**
 * The bytes of an object that an allowing {@link Decision} opens: the whole object, or only some runs of it (a
 * deletion-vector file that also holds the vectors of partitions the principal may not read). A partial answer is
 * only ever given for a ranged read, clipped to the run that holds its first byte; see {@link #clip}.
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
     * The part of a requested range that may be read: from the range's first byte to the end of the range or of
     * the readable run that holds that byte, whichever comes first; empty when the first byte is not readable.
     * Readers of deletion vectors (Hadoop S3A) ask for more than a vector (read-ahead, or up to the end of the
     * object) but read only the vector, so a clipped answer, with its accurate {@code Content-Range}, serves them.
     *
     * @param size the object's size, asked only for a suffix range ({@code bytes=-n})
     * @throws S3Exception {@code InvalidRange} for an unsatisfiable suffix range, as {@link ByteRange#resolve}
     * @throws IllegalStateException for {@link #WHOLE}
     */
    public Optional<ByteRange.Closed> clip(ByteRange range, LongSupplier size) {
        Objects.requireNonNull(range, "range");
        long first;
        long last;
        switch (range) {
            case ByteRange.Closed c -> {
                first = c.first();
                last = c.last();
            }
            case ByteRange.From f -> {
                first = f.first();
                last = Long.MAX_VALUE;
            }
            case ByteRange.Suffix s -> {
                long total = size.getAsLong();
                if (s.length() == 0 || total == 0) {
                    throw new S3Exception(S3ErrorCode.INVALID_RANGE);
                }
                first = Math.max(0, total - s.length());
                last = total - 1;
            }
        }
        for (Run run : runs()) {
            if (run.first() <= first && first < run.end()) {
                return Optional.of(new ByteRange.Closed(first, Math.min(last, run.end() - 1)));
            }
        }
        return Optional.empty();
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
