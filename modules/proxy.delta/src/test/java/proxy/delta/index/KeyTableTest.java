package proxy.delta.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The front-coded table answers exactly what a sorted map would. */
class KeyTableTest {

    @Test
    void agreesWithASortedMapOnLookupsAndPrefixRanges() {
        Random random = new Random(42);
        TreeMap<String, Integer> expected = new TreeMap<>(KeyTableTest::utf8Order);
        String[] dirs = {"MIC=XLON/date=2024-01-0", "MIC=XETR/date=2024-01-1", "MIC=XPAR/date=2024-0", "é/ü=東京/", ""};
        while (expected.size() < 2000) {
            String key = dirs[random.nextInt(dirs.length)] + random.nextInt(10) + "/part-" + random.nextInt(100_000)
                    + ".parquet";
            expected.put(key, random.nextInt(1 << 20));
        }
        KeyTable table = build(expected);
        assertEquals(expected.size(), table.size());
        expected.forEach((k, v) -> assertEquals(v, table.get(bytes(k)), k));
        assertEquals(-1, table.get(bytes("MIC=XLON/date=2024-01-01/absent")));
        assertEquals(-1, table.get(bytes("")));
        assertEquals(-1, table.get(bytes("zzz")));
        for (String prefix : List.of("MIC=XLON/", "MIC=XLON/date=2024-01-03/", "é/", "MIC=", "", "MIC=XLON/date=2024-01-03/part-7", "nope")) {
            List<String> inRange = new ArrayList<>();
            KeyTable.Cursor c = table.seek(bytes(prefix));
            while (c.next() && c.startsWith(bytes(prefix))) {
                inRange.add(new String(c.key(), StandardCharsets.UTF_8));
            }
            List<String> want = expected.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
            assertEquals(want, inRange, prefix);
        }
    }

    @Test
    void mergeCombinesEqualKeysAndKeepsOrder() {
        TreeMap<String, Integer> old = new TreeMap<>(Map.of("a", 1, "c", 3, "e", 5));
        KeyTable merged = KeyTable.merge(build(old),
                List.of(entry("b", 2), entry("c", 30), entry("f", 6)), (o, n) -> n.with(o.value() + n.value(), -1, -1));
        assertEquals(5, merged.size());
        assertEquals(33, merged.get(bytes("c")));
        assertEquals(2, merged.get(bytes("b")));
        assertEquals(6, merged.get(bytes("f")));
        KeyTable.Cursor c = merged.cursor();
        StringBuilder order = new StringBuilder();
        while (c.next()) {
            order.append(new String(c.key(), StandardCharsets.UTF_8));
        }
        assertEquals("abcef", order.toString());
    }

    @Test
    void keysMustBeAddedInOrder() {
        KeyTable.Builder b = new KeyTable.Builder(0);
        b.add(bytes("b"), 0);
        assertThrows(IllegalArgumentException.class, () -> b.add(bytes("a"), 0));
        assertThrows(IllegalArgumentException.class, () -> b.add(bytes("b"), 0));
    }

    @Test
    void theEmptyTableHasNothing() {
        KeyTable empty = KeyTable.empty();
        assertEquals(-1, empty.get(bytes("a")));
        assertFalse(empty.seek(bytes("")).next());
        assertTrue(empty.footprint() == 0);
    }

    private static KeyTable build(TreeMap<String, Integer> entries) {
        KeyTable.Builder b = new KeyTable.Builder(0);
        entries.forEach((k, v) -> b.add(bytes(k), v));
        return b.build();
    }

    private static KeyTable.Entry entry(String k, int v) {
        return new KeyTable.Entry(bytes(k), v);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mayHoldJudgesARangeFromTheFirstAndLastKeys() {
        KeyTable t = build(new TreeMap<>(Map.of("m/a", 1, "m/b", 2, "m/c", 3)));
        assertTrue(t.mayHold(bytes("m/"), bytes("m/")));
        assertTrue(t.mayHold(bytes("m/b"), bytes("m/b")));
        assertTrue(t.mayHold(bytes(""), bytes("a")));
        assertTrue(t.mayHold(bytes("m"), bytes("m/c")));
        assertFalse(t.mayHold(bytes("m/"), bytes("m/d")), "every key is before the bound");
        assertFalse(t.mayHold(bytes("a/"), bytes("a/")), "every key is after the prefix's keys");
        assertFalse(t.mayHold(bytes("m/c/"), bytes("m/c/")), "the last key is before the bound");
        assertFalse(KeyTable.empty().mayHold(bytes(""), bytes("")));
    }

    private static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(bytes(a), bytes(b));
    }
}
