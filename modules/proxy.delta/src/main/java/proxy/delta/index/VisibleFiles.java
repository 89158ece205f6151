package proxy.delta.index;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import proxy.api.delta.FileCursor;
import proxy.api.delta.IndexedFile;

/**
 * A {@link FileCursor} over one snapshot: a k-way merge of the per-partition key tables of the accepted partitions
 * only, never anything for a rejected partition. Tables whose first and last keys show they hold nothing in range
 * are left out; the others join the merge in the order of their first keys, each when the merge reaches that key
 * (entered by binary search), so that partitions laid out one per directory cost their seek only when the listing
 * gets to them. Opening costs O(p log p) for the p accepted partitions in range, each step O(log n). Every key the merge yields is confirmed against the
 * snapshot's main layers (which give its size and time), and yielded once even when several partitions list it.
 */
final class VisibleFiles implements FileCursor {
    private final IndexSnapshot snapshot;
    private final IndexSnapshot.Verdicts verdicts;
    private final byte[] prefix;
    private final PriorityQueue<Head> heads = new PriorityQueue<>();
    private final KeyTable[] waiting; // in range, not yet entered, by first key
    private int entered;
    private byte[] bound;
    private byte[] last;

    /** One accepted partition's table and the cursor's place in it. */
    private static final class Head implements Comparable<Head> {
        final KeyTable table;
        KeyTable.Cursor cursor;
        byte[] key;

        Head(KeyTable table) {
            this.table = table;
        }

        @Override
        public int compareTo(Head other) {
            return Arrays.compareUnsigned(key, other.key);
        }
    }

    VisibleFiles(IndexSnapshot snapshot, String prefix, Optional<String> startAfter,
                 IndexSnapshot.Verdicts verdicts) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] bound = this.prefix;
        if (startAfter.isPresent()) {
            byte[] after = startAfter.get().getBytes(StandardCharsets.UTF_8);
            byte[] justAfter = Arrays.copyOf(after, after.length + 1); // no key holds NUL: the least key > after
            bound = Arrays.compareUnsigned(justAfter, bound) > 0 ? justAfter : bound;
        }
        this.bound = bound;
        KeyTable[] tables = snapshot.byTuple();
        var inRange = new ArrayList<KeyTable>();
        for (int tuple = 0; tuple < tables.length; tuple++) {
            if (tables[tuple].mayHold(this.prefix, bound) && verdicts.accepts(tuple)) {
                inRange.add(tables[tuple]);
            }
        }
        inRange.sort((a, b) -> Arrays.compareUnsigned(a.firstKey(), b.firstKey()));
        this.waiting = inRange.toArray(KeyTable[]::new);
    }

    /** Enters the waiting tables whose first key the merge has reached (all of them, when it is empty). */
    private void admit() {
        while (entered < waiting.length && (heads.isEmpty()
                || Arrays.compareUnsigned(waiting[entered].firstKey(), heads.peek().key) <= 0)) {
            enter(new Head(waiting[entered++]), bound);
        }
    }

    @Override
    public Optional<IndexedFile> next() {
        for (admit(); !heads.isEmpty(); admit()) {
            Head head = heads.poll();
            byte[] key = head.key;
            advance(head);
            if (last != null && Arrays.equals(key, last)) {
                continue;
            }
            last = key;
            KeyTable.Entry entry = snapshot.entryOf(key);
            if (entry != null && snapshot.accepted(entry.value(), verdicts)) {
                return Optional.of(new IndexedFile(new String(key, StandardCharsets.UTF_8),
                        entry.size() < 0 ? OptionalLong.empty() : OptionalLong.of(entry.size()),
                        entry.modified() < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(entry.modified()))));
            }
        }
        return Optional.empty();
    }

    @Override
    public void skipPrefix(String rolledUp) {
        byte[] p = rolledUp.getBytes(StandardCharsets.UTF_8);
        if (p.length == 0) {
            heads.clear();
            entered = waiting.length;
            return;
        }
        byte[] past = Arrays.copyOf(p, p.length);
        past[past.length - 1]++; // UTF-8 never holds 0xFF: the least key after every key starting with p
        if (Arrays.compareUnsigned(past, bound) > 0) {
            bound = past; // tables that join later are entered past the prefix too
        }
        while (!heads.isEmpty() && Arrays.compareUnsigned(heads.peek().key, past) < 0) {
            enter(heads.poll(), past);
        }
    }

    /** Positions a head at the first key >= bound, keeping it only while it stays under the prefix. */
    private void enter(Head head, byte[] bound) {
        head.cursor = head.table.seek(bound);
        advance(head);
    }

    private void advance(Head head) {
        if (head.cursor.next() && head.cursor.startsWith(prefix)) {
            head.key = head.cursor.key();
            heads.add(head);
        }
    }
}
