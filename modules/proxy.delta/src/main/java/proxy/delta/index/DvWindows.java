package proxy.delta.index;

import java.util.Arrays;

/**
 * The windows of one deletion-vector file, packed for the index: an {@code int[]} of triples
 * {@code (offset, length, tuple)} sorted by offset, then length, then tuple, without duplicates. A window is the
 * bytes of one stored vector ({@code sizeInBytes + 8}: size prefix, bitmap, checksum) and the partition tuple of a
 * data file whose descriptor names it; the same bytes referenced from two partitions are two windows.
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
        return set[i * STRIDE + 2];
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

    /** One window of a packed {@link #window} and a tuple, as a normalized set. */
    static int[] of(long[] windows, int[] tuples, int count) {
        int[] out = new int[count * STRIDE];
        for (int i = 0; i < count; i++) {
            out[i * STRIDE] = (int) (windows[i] >>> 32);
            out[i * STRIDE + 1] = (int) windows[i];
            out[i * STRIDE + 2] = tuples[i];
        }
        return normalize(out);
    }

    /** The union of two sets, normalized. */
    static int[] union(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return normalize(both);
    }

    /** Sorts the triples and drops duplicates. */
    private static int[] normalize(int[] triples) {
        int n = count(triples);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> compare(triples, x, triples, y));
        int[] out = new int[triples.length];
        int kept = 0;
        for (int i : order) {
            if (kept == 0 || compare(out, kept - 1, triples, i) != 0) {
                System.arraycopy(triples, i * STRIDE, out, kept * STRIDE, STRIDE);
                kept++;
            }
        }
        return kept == n ? out : Arrays.copyOf(out, kept * STRIDE);
    }

    private static int compare(int[] a, int i, int[] b, int j) {
        for (int k = 0; k < STRIDE; k++) {
            int c = Integer.compare(a[i * STRIDE + k], b[j * STRIDE + k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
