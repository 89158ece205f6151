package proxy.delta.index;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import proxy.api.delta.FileCursor;
import proxy.api.delta.IndexedFile;

/**
 * A {@link FileCursor} over one snapshot: a k-way merge of the per-partition key tables of the accepted partitions
 * only, each entered by binary search, so that opening costs O(log n) per accepted partition and each step
 * O(log n), never anything for a rejected partition. Every key the merge yields is confirmed against the
 * snapshot's main layers (which give its size and time), and yielded once even when several partitions list it.
 */
final class VisibleFiles implements FileCursor {
    private final IndexSnapshot snapshot;
    private final IndexSnapshot.Verdicts verdicts;
    private final byte[] prefix;
    private final PriorityQueue<Head> heads = new PriorityQueue<>();
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
        KeyTable[] tables = snapshot.byTuple();
        for (int tuple = 0; tuple < tables.length; tuple++) {
            if (tables[tuple].size() > 0 && verdicts.accepts(tuple)) {
                enter(new Head(tables[tuple]), bound);
            }
        }
    }

    @Override
    public Optional<IndexedFile> next() {
        while (!heads.isEmpty()) {
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
            return;
        }
        byte[] bound = Arrays.copyOf(p, p.length);
        bound[bound.length - 1]++; // UTF-8 never holds 0xFF: the least key after every key starting with p
        while (!heads.isEmpty() && Arrays.compareUnsigned(heads.peek().key, bound) < 0) {
            enter(heads.poll(), bound);
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
