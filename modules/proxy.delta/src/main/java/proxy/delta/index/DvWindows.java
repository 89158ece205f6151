package proxy.delta.index;

import java.util.Arrays;

/**
 * The windows of one deletion-vector file, packed for the index: an {@code int[]} of triples
 * {@code (offset, length, tuple)} sorted by offset, then length, then tuple, without duplicates. A window is the
 * bytes of one stored vector ({@code sizeInBytes + 8}: size prefix, bitmap, checksum) and the partition tuple of a
 * data file whose descriptor names it; the same bytes referenced from two partitions are two windows. The tuple
 * slot holds {@code tuple << 1 | live}: whether the newest version that names the window (an {@code add} or a
 * {@code remove} carrying the descriptor) still references it through an {@code add}, so a file is live, and may not
 * be vacuumed, while one of its windows is.
 *
 * <p>Cost: 12 bytes per window plus one array (16-byte header and a 4-byte reference) per file; see
 * {@code DvWindowsTest} for the measured figure.
 */
final class DvWindows {
    static final int STRIDE = 3;

    private DvWindows() {
    }

    static int count(int[] set) {
        return set.length / STRIDE;
    }

    static int offset(int[] set, int i) {
        return set[i * STRIDE];
    }

    static int length(int[] set, int i) {
        return set[i * STRIDE + 1];
    }

    static int tuple(int[] set, int i) {
        return set[i * STRIDE + 2] >>> 1;
    }

    /** Whether a live {@code add} of the current snapshot names window {@code i}. */
    static boolean live(int[] set, int i) {
        return (set[i * STRIDE + 2] & 1) != 0;
    }

    /** Whether some window of the set is live. */
    static boolean anyLive(int[] set) {
        for (int i = 0; i < count(set); i++) {
            if (live(set, i)) {
                return true;
            }
        }
        return false;
    }

    /** The set with every window marked as no longer referenced (windows only older versions name). */
    static int[] retired(int[] set) {
        int[] out = set.clone();
        for (int i = 0; i < count(out); i++) {
            out[i * STRIDE + 2] &= ~1;
        }
        return out;
    }

    /** The distinct tuples of a set, ascending. */
    static int[] tuples(int[] set) {
        int[] out = new int[count(set)];
        for (int i = 0; i < out.length; i++) {
            out[i] = tuple(set, i);
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }

    /**
     * The window of a descriptor: {@code (offset, sizeInBytes + 8)}, packed into a long; {@code (0, 0)} (opens no
     * byte) when the offset or size is unknown or the window would not fit in an int.
     */
    static long window(int offset, int sizeInBytes) {
        long length = (long) sizeInBytes + 8;
        if (offset < 0 || sizeInBytes < 0 || length > Integer.MAX_VALUE) {
            return 0;
        }
        return (long) offset << 32 | length;
    }

    /** Live windows of packed {@link #window}s and tuples, as a normalized set. */
    static int[] of(long[] windows, int[] tuples, int count) {
        boolean[] live = new boolean[count];
        Arrays.fill(live, true);
        return of(windows, tuples, live, count);
    }

    /** Windows of packed {@link #window}s, tuples and liveness, as a normalized set (a duplicate live if any is). */
    static int[] of(long[] windows, int[] tuples, boolean[] live, int count) {
        int[] out = new int[count * STRIDE];
        for (int i = 0; i < count; i++) {
            out[i * STRIDE] = (int) (windows[i] >>> 32);
            out[i * STRIDE + 1] = (int) windows[i];
            out[i * STRIDE + 2] = tuples[i] << 1 | (live[i] ? 1 : 0);
        }
        return normalize(out, false);
    }

    /** The union of two sets, normalized; where both hold a window, {@code newer} says whether it is live. */
    static int[] union(int[] older, int[] newer) {
        int[] both = Arrays.copyOf(older, older.length + newer.length);
        System.arraycopy(newer, 0, both, older.length, newer.length);
        return normalize(both, true);
    }

    /**
     * Sorts the triples and drops duplicates (equal offset, length and tuple): of a run of equal windows the last
     * one's liveness is kept when {@code lastWins}, else the window is live if any of them is. A window of unknown
     * length (a descriptor without a valid size, which may stand for several vectors) is live if any of them is,
     * always: a file is never offered to VACUUM on the strength of a malformed descriptor.
     */
    private static int[] normalize(int[] triples, boolean lastWins) {
        int n = count(triples);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> compare(triples, x, triples, y));
        int[] out = new int[triples.length];
        int kept = 0;
        for (int i : order) { // a stable sort: equal windows stay in input order
            if (kept == 0 || compare(out, kept - 1, triples, i) != 0) {
                System.arraycopy(triples, i * STRIDE, out, kept * STRIDE, STRIDE);
                kept++;
            } else {
                int live = triples[i * STRIDE + 2] & 1;
                boolean unknown = triples[i * STRIDE + 1] == 0; // may stand for several vectors: stays live
                out[(kept - 1) * STRIDE + 2] = lastWins && !unknown ? out[(kept - 1) * STRIDE + 2] & ~1 | live
                        : out[(kept - 1) * STRIDE + 2] | live;
            }
        }
        return kept == n ? out : Arrays.copyOf(out, kept * STRIDE);
    }

    /** Compares two windows by offset, length and tuple (not liveness). */
    private static int compare(int[] a, int i, int[] b, int j) {
        for (int k = 0; k < STRIDE; k++) {
            int shift = k == 2 ? 1 : 0;
            int c = Integer.compare(a[i * STRIDE + k] >>> shift, b[j * STRIDE + k] >>> shift);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
