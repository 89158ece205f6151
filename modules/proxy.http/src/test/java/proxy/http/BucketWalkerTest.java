package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.Table;
import proxy.api.auth.Principal;

/** The walk over tables: roll-ups at any delimiter, resuming across tables, alias ordering. */
class BucketWalkerTest {
    private final Principal tester = new Principal("tester", "AKID");
    private final FakeStore trades = new FakeStore().put("x.parquet", "1");
    private final FakeStore tradex = new FakeStore().put("y.parquet", "2");
    private final FakeStore trips = new FakeStore().put("a/b.parquet", "3").put("c.parquet", "4");
    private final FakeStore dotted = new FakeStore().put("d.parquet", "5");
    private final BucketWalker walker;

    BucketWalkerTest() {
        var tables = new LinkedHashMap<String, Table>();
        for (var entry : List.of(java.util.Map.entry("trades", trades), java.util.Map.entry("tradex", tradex),
                java.util.Map.entry("trips", trips), java.util.Map.entry("t.x", dotted))) {
            tables.put(entry.getKey(), new Table(entry.getKey(), entry.getValue(), new FakeIndex()));
        }
        walker = new BucketWalker(new TableDirectory(tables, new TestAuthorizer()));
    }

    private ListingResult walk(String prefix, String delimiter, int maxKeys, Optional<ListCursor> from) {
        return walker.walk(tester, new BucketWalker.Walk(prefix, Optional.ofNullable(delimiter), Optional.empty(),
                maxKeys, from));
    }

    @Test
    void tablesAreWalkedInFullKeyOrder() {
        var all = walk("", null, 1000, Optional.empty());
        assertEquals(List.of("t.x/d.parquet", "trades/x.parquet", "tradex/y.parquet", "trips/a/b.parquet",
                "trips/c.parquet"), all.objects().stream().map(ListingResult.Listed::key).toList());
    }

    @Test
    void aDelimiterInsideTheAliasRollsTablesUpOnce() {
        var rolled = walk("tr", "d", 1000, Optional.empty());
        assertEquals(List.of("trad"), rolled.prefixes());
        assertEquals(List.of("trips/a/b.parquet", "trips/c.parquet"),
                rolled.objects().stream().map(ListingResult.Listed::key).toList());
        var page = walk("tr", "d", 1, Optional.empty());
        assertEquals(List.of("trad"), page.prefixes());
        assertEquals(Optional.of(new ListCursor("trips", Optional.empty())), page.next());
        var rest = walk("tr", "d", 2, page.next());
        assertEquals(List.of("trips/a/b.parquet", "trips/c.parquet"),
                rest.objects().stream().map(ListingResult.Listed::key).toList());
        assertEquals(Optional.empty(), rest.next());
        assertEquals(List.of(), tradex.calls);
    }

    @Test
    void resumesInsideATableWithTheStoreToken() {
        var first = walk("trips/", "/", 1, Optional.empty());
        assertEquals(List.of("trips/a/"), first.prefixes());
        assertEquals("trips", first.next().orElseThrow().alias());
        var second = walk("trips/", "/", 1, first.next());
        assertEquals(List.of("trips/c.parquet"), second.objects().stream().map(ListingResult.Listed::key).toList());
        assertEquals(Optional.empty(), second.next());
    }
}
