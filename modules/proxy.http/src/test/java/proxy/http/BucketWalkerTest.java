package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.Table;
import proxy.api.auth.Principal;

/**
 * The walk over tables: roll-ups at any delimiter (inside an alias, across the table root, inside
 * {@code _delta_log}), resuming after the last entry, UTF-8 key order, and what hidden objects cannot change.
 */
class BucketWalkerTest {
    private final Principal tester = new Principal("tester", "AKID");
    private final FakeStore trades = new FakeStore().put("x.parquet", "1")
            .put("_delta_log/00000000000000000000.json", "{}").put("_delta_log/00000000000000000000.crc", "{}");
    private final FakeStore tradex = new FakeStore().put("y.parquet", "2");
    private final FakeStore trips = new FakeStore().put("a/b.parquet", "3").put("c.parquet", "4");
    private final FakeStore dotted = new FakeStore().put("d.parquet", "5");
    private final java.util.Map<String, FakeIndex> indexes = new java.util.HashMap<>();
    private final BucketWalker walker;

    BucketWalkerTest() {
        var tables = new LinkedHashMap<String, Table>();
        for (var entry : List.of(java.util.Map.entry("trades", trades), java.util.Map.entry("tradex", tradex),
                java.util.Map.entry("trips", trips), java.util.Map.entry("t.x", dotted))) {
            indexes.put(entry.getKey(), new FakeIndex(entry.getValue()));
            tables.put(entry.getKey(), new Table(entry.getKey(), entry.getValue(), indexes.get(entry.getKey())));
        }
        walker = new BucketWalker(new TableDirectory(tables, new TestAuthorizer()));
    }

    private ListingResult walk(String prefix, String delimiter, int maxKeys, Optional<String> after) {
        return walker.walk(tester, new BucketWalker.Walk(prefix, Optional.ofNullable(delimiter), after, maxKeys));
    }

    private static List<String> keys(ListingResult r) {
        return r.objects().stream().map(ListingResult.Listed::key).toList();
    }

    @Test
    void tablesAreWalkedInFullKeyOrder() {
        var all = walk("", null, 1000, Optional.empty());
        assertEquals(List.of("t.x/d.parquet", "trades/_delta_log/00000000000000000000.crc",
                "trades/_delta_log/00000000000000000000.json", "trades/x.parquet", "tradex/y.parquet",
                "trips/a/b.parquet", "trips/c.parquet"), keys(all));
        assertEquals(Optional.empty(), all.next());
    }

    @Test
    void aDelimiterInsideTheAliasRollsTablesUpOnce() {
        var rolled = walk("tr", "d", 1000, Optional.empty());
        assertEquals(List.of("trad"), rolled.prefixes());
        assertEquals(List.of("trips/a/b.parquet", "trips/c.parquet"), keys(rolled));
        var page = walk("tr", "d", 1, Optional.empty());
        assertEquals(List.of("trad"), page.prefixes());
        assertEquals(Optional.of(new ListCursor("trad")), page.next());
        var rest = walk("tr", "d", 2, Optional.of(page.next().get().after()));
        assertEquals(List.of("trips/a/b.parquet", "trips/c.parquet"), keys(rest));
        assertEquals(Optional.empty(), rest.next());
        assertEquals(List.of(), tradex.calls);
    }

    @Test
    void aPageIsTruncatedOnlyWhenAnotherVisibleEntryFollows() {
        var first = walk("trips/", "/", 1, Optional.empty());
        assertEquals(List.of("trips/a/"), first.prefixes());
        assertEquals(Optional.of(new ListCursor("trips/a/")), first.next());
        var second = walk("trips/", "/", 1, Optional.of("trips/a/"));
        assertEquals(List.of("trips/c.parquet"), keys(second));
        assertEquals(Optional.empty(), second.next());
        trips.put("secret-1.parquet", "s").put("secret-2.parquet", "s");
        assertEquals(Optional.empty(), walk("trips/", "/", 1, Optional.of("trips/a/")).next());
    }

    @Test
    void aTableWhoseLogCannotBeReadFailsOnlyTheListingsThatReachIt() {
        indexes.get("tradex").unreadable();
        var e = org.junit.jupiter.api.Assertions.assertThrows(proxy.api.S3Exception.class,
                () -> walk("", null, 1000, Optional.empty()));
        assertEquals(proxy.api.S3ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertEquals(List.of("trips/a/b.parquet", "trips/c.parquet"), keys(walk("trips/", null, 1000,
                Optional.empty())));
        assertEquals(List.of("trad"), walk("tr", "d", 1000, Optional.empty()).prefixes(), "a roll-up reads nothing");
        var before = walk("", null, 4, Optional.empty());
        assertEquals(List.of("t.x/d.parquet", "trades/_delta_log/00000000000000000000.crc",
                "trades/_delta_log/00000000000000000000.json", "trades/x.parquet"), keys(before));
        assertEquals(Optional.of(new ListCursor("trades/x.parquet")), before.next(), "truncated before tradex");
        org.junit.jupiter.api.Assertions.assertThrows(proxy.api.S3Exception.class,
                () -> walk("", null, 4, Optional.of("trades/x.parquet")));
    }

    @Test
    void aCommonPrefixHoldingTheStartAfterIsNotReturnedAgain() {
        trips.put("a/c.parquet", "6");
        var after = walk("trips/", "/", 1000, Optional.of("trips/a/b.parquet"));
        assertEquals(List.of(), after.prefixes());
        assertEquals(List.of("trips/c.parquet"), keys(after));
        var inside = walk("", "/", 1000, Optional.of("trips/a"));
        assertEquals(List.of(), inside.prefixes());
    }

    @Test
    void aCommonPrefixEndingInsideTheDeltaLogIsShown() {
        var rolled = walk("trades/_", "a", 1000, Optional.empty());
        assertEquals(List.of("trades/_delta"), rolled.prefixes());
        assertEquals(List.of(), keys(rolled));
    }

    @Test
    void aDelimiterStraddlingTheTableRootIsApplied() {
        var rolled = walk("trades", "/_", 1000, Optional.empty());
        assertEquals(List.of("trades/_"), rolled.prefixes());
        assertEquals(List.of("trades/x.parquet"), keys(rolled));
    }

    @Test
    void keysAndStartAfterCompareAsUtf8BytesNotUtf16Units() {
        trips.put("\uE000.parquet", "p").put("\uD83D\uDE00.parquet", "e"); // U+E000 sorts before U+1F600 in UTF-8
        var all = walk("trips/", null, 1000, Optional.empty());
        assertEquals(List.of("trips/a/b.parquet", "trips/c.parquet", "trips/\uE000.parquet",
                "trips/\uD83D\uDE00.parquet"), keys(all));
        var afterPrivateUse = walk("trips/", null, 1000, Optional.of("trips/\uE000.parquet"));
        assertEquals(List.of("trips/\uD83D\uDE00.parquet"), keys(afterPrivateUse));
    }

    @Test
    void foreignObjectsInTheLogAreNeitherListedNorRolledUp() {
        trades.put("_delta_log/notes.txt", "n").put("_delta_log/zz/inner.json", "z");
        assertEquals(List.of("trades/_delta_log/00000000000000000000.crc",
                "trades/_delta_log/00000000000000000000.json"), keys(walk("trades/_delta_log/", "/", 1000,
                Optional.empty())));
        assertEquals(List.of(), walk("trades/_delta_log/", "/", 1000, Optional.empty()).prefixes());
        assertEquals(List.of("trades/_delta_log/0"), walk("trades/_delta_log/", "0", 1000, Optional.empty())
                .prefixes());
    }

    @Test
    void dataKeysAreListedFromTheIndexWithoutStoreCalls() {
        trips.put("secret-1.parquet", "s").put("A=1/x.parquet", "7").put("B=1/y.parquet", "8");
        var listed = walk("trips/", null, 1000, Optional.empty());
        assertEquals(List.of("trips/A=1/x.parquet", "trips/B=1/y.parquet", "trips/a/b.parquet", "trips/c.parquet"),
                keys(listed));
        assertEquals(List.of("list _delta_log/"), trips.calls, "only the log is listed from the store");
        trips.calls.clear();
        assertEquals(List.of("trips/A=1/x.parquet"), keys(walk("trips/", null, 1, Optional.empty())));
        assertEquals(List.of(), trips.calls, "keys before _delta_log/ need no log listing");
        assertEquals(List.of("trips/a/b.parquet"), keys(walk("trips/a", null, 1000, Optional.empty())));
        assertEquals(List.of(), trips.calls);
        assertEquals(Optional.empty(), listed.objects().getFirst().etag());
        assertEquals(1, listed.objects().getFirst().size());
    }

    @Test
    void aFileTheLogDoesNotDescribeIsConfirmedWithAHeadAndShowsItsEtag() {
        trips.put("dv/deletion_vector_1.bin", "12345");
        var listed = walk("trips/dv/", null, 1000, Optional.empty());
        assertEquals(List.of("trips/dv/deletion_vector_1.bin"), keys(listed));
        assertEquals(5, listed.objects().getFirst().size());
        assertTrue(listed.objects().getFirst().etag().isPresent());
        assertEquals(List.of("head dv/deletion_vector_1.bin"), trips.calls);
        assertFalse(listed.next().isPresent());
    }
}
