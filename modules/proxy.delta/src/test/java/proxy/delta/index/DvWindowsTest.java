package proxy.delta.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.FileAction;
import proxy.delta.log.TablePaths;

/**
 * The packed windows of deletion-vector files. Memory: 3 ints (12 bytes) per window plus, per file, one
 * {@code int[]} header (16 bytes) and its reference in the set table (4 bytes, compressed references), counted by
 * {@link #aTableWithManySharedDeletionVectorsCostsAboutThirteenBytesPerWindow} on an index built from the log
 * actions: DV files of 20 windows (Spark's DELETE of one task over 20 files) cost 13.0 bytes per window; a file
 * with one vector costs 32 bytes (the previous tuple-id set: 24). The per-file key entry is unchanged.
 */
class DvWindowsTest {

    @Test
    void setsAreSortedTriplesWithoutDuplicates() {
        long a = DvWindows.window(43, 34);
        long b = DvWindows.window(1, 34);
        int[] set = DvWindows.of(new long[] {a, b, a, b}, new int[] {7, 2, 7, 9}, 4);
        assertArrayEquals(new int[] {1, 42, 2 << 1 | 1, 1, 42, 9 << 1 | 1, 43, 42, 7 << 1 | 1}, set,
                "the tuple slot holds tuple << 1 | live");
        assertArrayEquals(set, DvWindows.union(set, DvWindows.of(new long[] {b}, new int[] {9}, 1)));
        assertArrayEquals(new int[] {0, 0, 5 << 1 | 1, 1, 42, 2 << 1 | 1, 1, 42, 9 << 1 | 1, 43, 42, 7 << 1 | 1},
                DvWindows.union(set, DvWindows.of(new long[] {DvWindows.window(-1, 34)}, new int[] {5}, 1)));
    }

    @Test
    void aNewerSetDecidesLivenessExceptOfAWindowOfUnknownLength() {
        long known = DvWindows.window(1, 34);
        long unknown = DvWindows.window(1, -1);
        int[] live = DvWindows.of(new long[] {known, unknown}, new int[] {3, 3}, 2);
        int[] removed = DvWindows.of(new long[] {known, unknown}, new int[] {3, 3}, new boolean[2], 2);
        int[] union = DvWindows.union(live, removed);
        assertEquals(2, DvWindows.count(union));
        assertTrue(DvWindows.live(union, 0), "the unknown window (0, 0) stays live");
        assertFalse(DvWindows.live(union, 1), "the newer remove retires the known window");
        assertTrue(DvWindows.live(DvWindows.union(removed, live), 1), "and a newer add revives it");
        assertFalse(DvWindows.anyLive(DvWindows.retired(union)));
    }

    @Test
    void anUnknownOrOversizedWindowOpensNothing() {
        assertEquals(0, DvWindows.window(-1, 10));
        assertEquals(0, DvWindows.window(10, -1));
        assertEquals(0, DvWindows.window(10, Integer.MAX_VALUE - 7));
        assertEquals((1L << 32) | Integer.MAX_VALUE, DvWindows.window(1, Integer.MAX_VALUE - 8));
    }

    @Test
    void aTableWithManySharedDeletionVectorsCostsAboutThirteenBytesPerWindow() {
        int files = 1_000;
        int windowsPerFile = 20;
        IndexUpdate update = new IndexUpdate(new TablePaths(URI.create("s3://b/t/")), new TupleTable());
        for (int f = 0; f < files; f++) {
            String dv = "p" + f % 100 + z85Uuid(f);
            for (int w = 0; w < windowsPerFile; w++) {
                update.file(new FileAction(FileAction.Type.ADD, "p=" + w + "/f" + f + "-" + w + ".parquet",
                        Map.of("p", Integer.toString(w)),
                        Optional.of(new FileAction.DeletionVectorRef("u", dv, 1 + 42 * w, 34))));
            }
        }
        IndexSnapshot s = update.applyTo(IndexSnapshot.empty(), 0, ColumnMapping.none());
        long bytes = 0;
        long windows = 0;
        for (int[] set : s.dvSets()) {
            bytes += 16 + 4L * set.length + 4; // array header, payload, reference in dvSets
            windows += DvWindows.count(set);
        }
        assertEquals((long) files * windowsPerFile, windows);
        assertEquals(13.0, (double) bytes / windows, 0.01);
    }

    /** 20 Z85 characters naming a distinct UUID per n (digits only, so always valid). */
    private static String z85Uuid(int n) {
        return "%020d".formatted(n);
    }
}
