package proxy.delta.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import proxy.api.delta.FileClass;
import proxy.api.delta.FileCursor;
import proxy.api.delta.IndexedFile;
import proxy.api.delta.PartitionValues;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.FileAction;
import proxy.delta.log.TablePaths;

/** Listing files from a snapshot: visible partitions only, key order, sizes and times from the log. */
class VisibleFilesTest {
    private static final String DV = "WYbkwCTB$gH)J7t?$/sK";
    private static final String DV_KEY = "deletion_vector_b6a98cdd-7843-470d-8897-708cdffa38c5.bin";

    private final TupleTable tuples = new TupleTable();
    private final TablePaths paths = new TablePaths(URI.create("s3://b/t/"));

    @Test
    void listsOnlyAcceptedPartitionsMergedInKeyOrder() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("p=2/b.parquet", "2"), add("p=1/c.parquet", "1"),
                add("p=1/a.parquet", "1"), add("p=3/a.parquet", "3"), add("x/p3.parquet", "3"),
                add("x/p1.parquet", "1"));
        assertEquals(List.of("p=1/a.parquet", "p=1/c.parquet", "p=3/a.parquet", "x/p1.parquet", "x/p3.parquet"),
                keys(s.files("", Optional.empty(), only("1", "3"))));
        assertEquals(List.of("p=3/a.parquet"), keys(s.files("p=", Optional.of("p=2/a.parquet"), only("1", "3"))));
        assertEquals(List.of("x/p1.parquet"), keys(s.files("x/", Optional.empty(), only("1"))));
        assertEquals(List.of(), keys(s.files("p=2/", Optional.empty(), only("1", "3"))));
    }

    @Test
    void asksThePredicateOncePerPartitionAndKeepsEachPartitionApart() {
        var actions = new ArrayList<FileAction>();
        for (int i = 0; i < 5000; i++) {
            actions.add(add(String.format("p=2/hidden-%05d.parquet", i), "2"));
        }
        actions.add(add("p=1/a.parquet", "1"));
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, actions.toArray(FileAction[]::new));
        var asked = new AtomicInteger();
        Predicate<PartitionValues> counting = values -> {
            asked.incrementAndGet();
            return values.equals(pv("1"));
        };
        assertEquals(List.of("p=1/a.parquet"), keys(s.files("", Optional.empty(), counting)));
        assertEquals(2, asked.get());
        assertEquals(0, s.byTuple()[tuples.idOf(Map.of("p", "1"))].size() - 1, "p=1 has its own key table");
        assertEquals(5000, s.byTuple()[tuples.idOf(Map.of("p", "2"))].size());
    }

    @Test
    void skipPrefixMovesPastARolledUpPrefixInEveryPartition() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("a/1.parquet", "1"), add("a/2.parquet", "2"),
                add("a/3.parquet", "1"), add("b/1.parquet", "2"), add("c.parquet", "1"));
        FileCursor c = s.files("", Optional.empty(), only("1", "2"));
        assertEquals("a/1.parquet", c.next().orElseThrow().key());
        c.skipPrefix("a/");
        assertEquals("b/1.parquet", c.next().orElseThrow().key());
        c.skipPrefix("b/");
        assertEquals("c.parquet", c.next().orElseThrow().key());
        assertEquals(Optional.empty(), c.next());
    }

    @Test
    void aDeletionVectorIsListedOnceWhenOneReferencingPartitionIsAccepted() {
        IndexSnapshot first = apply(IndexSnapshot.empty(), 0, withDv(add("p=1/f.parquet", "1")));
        IndexSnapshot s = apply(first, 1, withDv(add("p=2/g.parquet", "2")));
        assertEquals(List.of(DV_KEY), keys(s.files("d", Optional.empty(), only("1", "2"))));
        assertEquals(List.of(DV_KEY), keys(s.files("d", Optional.empty(), only("2"))));
        assertEquals(List.of(), keys(s.files("d", Optional.empty(), only("3"))));
        IndexedFile dv = s.files("d", Optional.empty(), only("1")).next().orElseThrow();
        assertFalse(dv.described(), "the log does not state a deletion-vector file's size");
    }

    @Test
    void sizesAndTimesComeFromTheAddElseTheRemove() {
        IndexSnapshot first = apply(IndexSnapshot.empty(), 0,
                new FileAction(FileAction.Type.REMOVE, "p=1/r.parquet", Map.of("p", "1"), Optional.empty(), 7, -1),
                new FileAction(FileAction.Type.ADD, "p=1/a.parquet", Map.of("p", "1"), Optional.empty(), 42,
                        1_700_000_000_123L));
        List<IndexedFile> files = all(first.files("", Optional.empty(), only("1")));
        assertEquals(new IndexedFile("p=1/a.parquet", OptionalLong.of(42),
                Optional.of(Instant.ofEpochMilli(1_700_000_000_123L))), files.get(0));
        assertEquals(new IndexedFile("p=1/r.parquet", OptionalLong.of(7), Optional.empty()), files.get(1));
        IndexSnapshot later = apply(first, 1, new FileAction(FileAction.Type.ADD, "p=1/r.parquet", Map.of("p", "1"),
                Optional.empty(), 7, 1_600_000_000_000L));
        assertEquals(Optional.of(Instant.ofEpochMilli(1_600_000_000_000L)),
                all(later.files("p=1/r", Optional.empty(), only("1"))).getFirst().lastModified());
    }

    @Test
    void aKeyWhosePartitionALaterActionGaveIsListedUnderThatPartitionOnly() {
        IndexSnapshot first = apply(IndexSnapshot.empty(), 0, remove("a/f.parquet"), add("a/g.parquet", "1"));
        IndexSnapshot second = apply(first, 1, add("a/f.parquet", "2"));
        assertEquals(List.of(), keys(second.files("a/f", Optional.empty(), PartitionValues.NONE::equals)));
        assertEquals(List.of("a/f.parquet"), keys(second.files("a/", Optional.empty(), only("2"))));
        assertFalse(second.anyFileUnder("a/f", PartitionValues.NONE::equals));
    }

    @Test
    void theLogIsNotDataAndOnlyProtocolNamesBelongToIt() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("_delta_log/evil.parquet", "1"),
                add("p=1/a.parquet", "1"));
        assertEquals(List.of("p=1/a.parquet"), keys(s.files("", Optional.empty(), only("1"))));
        assertEquals(FileClass.UNKNOWN, s.classify("_delta_log/evil.parquet"));
        assertEquals(FileClass.UNKNOWN, s.classify("_delta_log/notes.txt"));
        assertEquals(FileClass.UNKNOWN, s.classify("_delta_log/.00000000000000000000.json.crc"));
        for (String name : List.of("00000000000000000000.json", "00000000000000000010.checkpoint.parquet",
                "00000000000000000010.checkpoint.0000000001.0000000002.parquet", "00000000000000000003.crc",
                "00000000000000000001.00000000000000000009.compacted.json", "_last_checkpoint",
                "_sidecars/00000000000000000010.checkpoint.0000000001.0000000001.0a1b2c3d-0000-0000-0000-0000000000ff"
                        + ".parquet",
                "00000000000000000002.checkpoint.e8fa2696-9728-4e9c-b285-634743fdd4fb.json",
                "_staged_commits/00000000000000000004.e8fa2696-9728-4e9c-b285-634743fdd4fb.json")) {
            assertEquals(FileClass.DELTA_LOG, s.classify("_delta_log/" + name), name);
        }
    }

    @Test
    void anyFileUnderReadsOnlyAcceptedPartitions() {
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, add("MIC=XETR/a.parquet", "2"),
                add("MIC=XLON/a.parquet", "1"));
        assertFalse(s.anyFileUnder("MIC=XETR", only("1")));
        assertTrue(s.anyFileUnder("MIC=XLON", only("1")));
        assertTrue(s.anyFileUnder("", only("1")));
    }

    /**
     * The denied-probe cost: asking whether anything visible lies under a hidden partition's prefix must not walk
     * that partition's keys. 5,000 probes over 100,000 hidden files would decode 5*10^8 keys if it did.
     */
    @Test
    void aProbeUnderAHiddenPrefixCostsNothingForItsFiles() {
        var actions = new ArrayList<FileAction>();
        for (int i = 0; i < 100_000; i++) {
            actions.add(add(String.format("MIC=XETR/date=2024-01-01/part-%06d.parquet", i), "2"));
        }
        actions.add(add("MIC=XLON/date=2024-01-01/part-0.parquet", "1"));
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, actions.toArray(FileAction[]::new));
        long start = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
            assertFalse(s.anyFileUnder("MIC=XETR", only("1")));
            assertFalse(keys(s.files("MIC=XETR/", Optional.empty(), only("1"))).iterator().hasNext());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3000, "5,000 denied probes took " + millis + " ms");
    }

    /** Random keys spread over interleaved partitions: the cursor agrees with sorting and filtering them all. */
    @Test
    void agreesWithABruteForceListingOnRandomLayouts() {
        var random = new java.util.Random(14);
        var actions = new ArrayList<FileAction>();
        var byKey = new java.util.TreeMap<String, String>();
        for (int i = 0; i < 600; i++) {
            String key = (char) ('a' + random.nextInt(4)) + "/" + (char) ('a' + random.nextInt(4)) + "/"
                    + Integer.toString(random.nextInt(100_000), 36) + ".parquet";
            String partition = Integer.toString(random.nextInt(40));
            if (byKey.putIfAbsent(key, partition) == null) {
                actions.add(add(key, partition));
            }
        }
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, actions.toArray(FileAction[]::new));
        for (int round = 0; round < 200; round++) {
            var accepted = new java.util.HashSet<String>();
            for (int p = 0; p < 40; p++) {
                if (random.nextInt(3) == 0) {
                    accepted.add(Integer.toString(p));
                }
            }
            String prefix = List.of("", "a/", "b/c/", "c", "d/a/1").get(random.nextInt(5));
            Optional<String> after = random.nextBoolean() ? Optional.empty()
                    : Optional.of(byKey.keySet().stream().skip(random.nextInt(byKey.size())).findFirst().get());
            Predicate<PartitionValues> allowed = values -> accepted.contains(values.values().get("p"));
            List<String> expected = byKey.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix) && accepted.contains(e.getValue()))
                    .map(java.util.Map.Entry::getKey)
                    .filter(k -> after.map(a -> k.compareTo(a) > 0).orElse(true)).toList();
            assertEquals(expected, keys(s.files(prefix, after, allowed)), prefix + " after " + after);
            List<String> rolled = new ArrayList<>();
            FileCursor c = s.files(prefix, after, allowed);
            for (var f = c.next(); f.isPresent(); f = c.next()) {
                int slash = f.get().key().indexOf('/', prefix.length());
                String entry = slash < 0 ? f.get().key() : f.get().key().substring(0, slash + 1);
                rolled.add(entry);
                if (slash >= 0) {
                    c.skipPrefix(entry);
                }
            }
            List<String> expectedRolled = expected.stream().map(k -> {
                int slash = k.indexOf('/', prefix.length());
                return slash < 0 ? k : k.substring(0, slash + 1);
            }).distinct().toList();
            assertEquals(expectedRolled, rolled, "rolled up: " + prefix + " after " + after);
        }
    }

    /** What a listing costs on a table of 10,000 partitions (5 files each) with a whole-table grant. */
    @Test
    void aNarrowListingOfAManyPartitionTableSeeksOnlyThePartitionsInRange() {
        var actions = new ArrayList<FileAction>();
        for (int p = 0; p < 10_000; p++) {
            for (int f = 0; f < 5; f++) {
                actions.add(add(String.format("d=%05d/part-%d.parquet", p, f), Integer.toString(p)));
            }
        }
        IndexSnapshot s = apply(IndexSnapshot.empty(), 0, actions.toArray(FileAction[]::new));
        Predicate<PartitionValues> all = values -> true;
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertEquals(5, keys(s.files(String.format("d=%05d/", i * 37), Optional.empty(), all)).size());
        }
        long narrow = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            FileCursor c = s.files("", Optional.empty(), all);
            for (int k = 0; k < 1000; k++) {
                c.next().orElseThrow();
            }
        }
        long page = System.nanoTime() - start;
        System.out.printf("10,000 partitions: %.3f ms per narrow listing, %.2f ms per 1,000-key page from the root%n",
                narrow / 200 / 1e6, page / 20 / 1e6);
        assertTrue(narrow / 200 < 50_000_000L, "a narrow listing took " + narrow / 200 / 1e6 + " ms");
    }

    private IndexSnapshot apply(IndexSnapshot previous, long version, FileAction... actions) {
        IndexUpdate update = new IndexUpdate(paths, tuples);
        for (FileAction a : actions) {
            update.file(a);
        }
        return update.applyTo(previous, version, ColumnMapping.none());
    }

    private static List<IndexedFile> all(FileCursor cursor) {
        var out = new ArrayList<IndexedFile>();
        for (var f = cursor.next(); f.isPresent(); f = cursor.next()) {
            out.add(f.get());
        }
        return out;
    }

    private static List<String> keys(FileCursor cursor) {
        return all(cursor).stream().map(IndexedFile::key).toList();
    }

    private static Predicate<PartitionValues> only(String... values) {
        var accepted = java.util.Arrays.stream(values).map(VisibleFilesTest::pv).toList();
        return accepted::contains;
    }

    private static FileAction add(String path, String p) {
        return new FileAction(FileAction.Type.ADD, path, Map.of("p", p), Optional.empty());
    }

    private static FileAction remove(String path) {
        return new FileAction(FileAction.Type.REMOVE, path, Map.of(), Optional.empty());
    }

    private static FileAction withDv(FileAction a) {
        return new FileAction(a.type(), a.path(), a.partitionValues(),
                Optional.of(new FileAction.DeletionVectorRef("u", DV)));
    }

    private static PartitionValues pv(String p) {
        return new PartitionValues(Map.of("p", p));
    }
}
