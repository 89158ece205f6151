package proxy.delta.index;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable sorted map from keys (UTF-8 bytes, unsigned order) to an int value plus a file size and a
 * modification time, front-coded in one byte array: each entry stores how many leading bytes it shares with the
 * previous key, the rest of its bytes, its value, and size and time (each plus one, so that -1, unknown, costs
 * one byte), as varints. Every {@value #BLOCK}th entry starts a block that stores its key in full; a binary search over
 * block starts plus a short scan finds a key or the start of a prefix range. A typical data-file key costs the
 * length of its differing suffix plus a few bytes, with no per-key object.
 */
public final class KeyTable {
    private static final int BLOCK = 16;

    private final byte[] data;
    private final int[] blocks;
    private final int size;
    private final byte[] first;
    private final byte[] last;

    private KeyTable(byte[] data, int[] blocks, int size, byte[] first, byte[] last) {
        this.data = data;
        this.blocks = blocks;
        this.size = size;
        this.first = first;
        this.last = last;
    }

    /** The empty table. */
    public static KeyTable empty() {
        return new KeyTable(new byte[0], new int[0], 0, new byte[0], new byte[0]);
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /**
     * Whether some key may lie in {@code [bound, ...)} and start with {@code prefix}, judged from the first and last
     * keys alone (no search): false when every key sorts before the bound, or after every key with the prefix.
     */
    public boolean mayHold(byte[] prefix, byte[] bound) {
        if (size == 0 || Arrays.compareUnsigned(last, bound) < 0) {
            return false;
        }
        int common = Math.min(first.length, prefix.length);
        return Arrays.compareUnsigned(first, 0, common, prefix, 0, common) <= 0;
    }

    /** The least key (empty for the empty table); the caller must not change it. */
    byte[] firstKey() {
        return first;
    }

    /** Bytes held by this table (for memory measurements). */
    public long footprint() {
        return data.length + 4L * blocks.length + first.length + (last == first ? 0 : last.length);
    }

    /** The value of a key, or -1 when absent (values are non-negative). */
    public int get(byte[] key) {
        if (size == 0) {
            return -1;
        }
        Cursor c = seek(key);
        return c.next() && c.matches(key) ? c.value() : -1;
    }

    /** A cursor positioned before the first key that is {@code >=} the bound. */
    public Cursor seek(byte[] bound) {
        int lo = 0;
        int hi = blocks.length - 1;
        int block = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compareBlockStart(mid, bound) <= 0) {
                block = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        Cursor c = new Cursor(blocks.length == 0 ? 0 : blocks[block], block * BLOCK);
        c.skipBelow(bound);
        return c;
    }

    /** Every entry, in order (for folding a small table into a large one). */
    public List<Entry> entries() {
        List<Entry> out = new java.util.ArrayList<>(size);
        Cursor c = cursor();
        while (c.next()) {
            out.add(new Entry(c.key(), c.value()));
        }
        return out;
    }

    /** A cursor before the first key. */
    public Cursor cursor() {
        return new Cursor(0, 0);
    }

    private int compareBlockStart(int block, byte[] key) {
        int[] pos = {blocks[block]};
        readVarint(pos); // shared length, always 0 at a block start
        int len = readVarint(pos);
        return Arrays.compareUnsigned(data, pos[0], pos[0] + len, key, 0, key.length);
    }

    private long readVarlong(int[] pos) {
        long result = 0;
        int shift = 0;
        while (true) {
            byte b = data[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
            shift += 7;
        }
    }

    private int readVarint(int[] pos) {
        int result = 0;
        int shift = 0;
        while (true) {
            byte b = data[pos[0]++];
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
            shift += 7;
        }
    }

    /** The entry of a key, or null when absent. */
    public Entry find(byte[] key) {
        if (size == 0) {
            return null;
        }
        Cursor c = seek(key);
        return c.next() && c.matches(key) ? c.entry() : null;
    }

    /** Decides the entry of a key that is in both tables of a merge. */
    @FunctionalInterface
    public interface Combiner {
        /** The merged entry (its key is ignored). */
        Entry combine(Entry old, Entry added);
    }

    /**
     * Merges sorted, distinct new entries into a table; where a key is in both, {@code combine(old, new)} decides
     * the entry.
     */
    public static KeyTable merge(KeyTable old, List<Entry> added, Combiner combine) {
        Builder out = new Builder(old.data.length + added.size() * 64);
        Cursor c = old.cursor();
        boolean hasOld = c.next();
        int i = 0;
        while (hasOld || i < added.size()) {
            int cmp = !hasOld ? 1 : i == added.size() ? -1 : c.compareTo(added.get(i).key());
            if (cmp < 0) {
                out.add(c.key, c.length, c.value(), c.size(), c.modified());
                hasOld = c.next();
            } else if (cmp > 0) {
                out.add(added.get(i));
                i++;
            } else {
                Entry merged = combine.combine(c.entry(), added.get(i));
                out.add(added.get(i).key(), added.get(i).key().length, merged.value(), merged.size(),
                        merged.modified());
                hasOld = c.next();
                i++;
            }
        }
        return out.build();
    }

    /**
     * One key and what it maps to.
     *
     * @param key      UTF-8 bytes
     * @param value    non-negative
     * @param size     a file size, or -1 for unknown
     * @param modified a modification time in epoch milliseconds, or -1 for unknown
     */
    public record Entry(byte[] key, int value, long size, long modified) {
        public Entry {
            Objects.requireNonNull(key, "key");
            if (size < -1 || modified < -1) {
                throw new IllegalArgumentException("size and modified must be >= -1");
            }
        }

        /** An entry with unknown size and time. */
        public Entry(byte[] key, int value) {
            this(key, value, -1, -1);
        }

        /** The same key with another value, size and time. */
        public Entry with(int newValue, long newSize, long newModified) {
            return new Entry(key, newValue, newSize, newModified);
        }
    }

    /** Reads entries in order. Not thread-safe; each reader makes its own. */
    public final class Cursor {
        private final int[] pos = new int[1];
        private int index;
        private byte[] key = new byte[128];
        private int length;
        private int value;
        private long fileSize;
        private long modified;
        private boolean buffered;

        private Cursor(int offset, int index) {
            this.pos[0] = offset;
            this.index = index;
        }

        /** Advances to the next entry; false at the end. */
        public boolean next() {
            if (buffered) {
                buffered = false;
                return true;
            }
            return decode();
        }

        private boolean decode() {
            if (index >= size) {
                return false;
            }
            int shared = readVarint(pos);
            int suffix = readVarint(pos);
            if (shared + suffix > key.length) {
                key = Arrays.copyOf(key, Math.max(key.length * 2, shared + suffix));
            }
            System.arraycopy(data, pos[0], key, shared, suffix);
            pos[0] += suffix;
            length = shared + suffix;
            value = readVarint(pos);
            fileSize = readVarlong(pos) - 1;
            modified = readVarlong(pos) - 1;
            index++;
            return true;
        }

        /** The current entry (its key copied). */
        public Entry entry() {
            return new Entry(key(), value, fileSize, modified);
        }

        /** The current file size, or -1. */
        public long size() {
            return fileSize;
        }

        /** The current modification time, or -1. */
        public long modified() {
            return modified;
        }

        /** The current key's bytes (a copy). */
        public byte[] key() {
            return Arrays.copyOf(key, length);
        }

        /** The current value. */
        public int value() {
            return value;
        }

        /** Compares the current key with another, unsigned. */
        public int compareTo(byte[] other) {
            return Arrays.compareUnsigned(key, 0, length, other, 0, other.length);
        }

        /** Whether the current key starts with the prefix. */
        public boolean startsWith(byte[] prefix) {
            return length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        }

        boolean matches(byte[] other) {
            return compareTo(other) == 0;
        }

        /** Skips entries below the bound, leaving the cursor before the first one that is not. */
        void skipBelow(byte[] bound) {
            while (decode()) {
                if (compareTo(bound) >= 0) {
                    buffered = true;
                    return;
                }
            }
        }
    }

    /** Builds a table from keys added in strictly ascending order. */
    public static final class Builder {
        private byte[] data;
        private int used;
        private int[] blocks = new int[16];
        private int count;
        private byte[] previous = new byte[128];
        private int previousLength;
        private byte[] first;

        public Builder(int expectedBytes) {
            data = new byte[Math.max(64, expectedBytes)];
        }

        /**
         * Appends an entry.
         *
         * @throws IllegalArgumentException when the key does not sort after the previous one
         */
        public void add(byte[] key, int value) {
            add(key, key.length, value, -1, -1);
        }

        /** Appends an entry (same order rule). */
        public void add(Entry entry) {
            add(entry.key(), entry.key().length, entry.value(), entry.size(), entry.modified());
        }

        /** Appends an entry whose key is the first {@code length} bytes of {@code key} (copied). */
        void add(byte[] key, int length, int value, long size, long modified) {
            if (count > 0 && Arrays.compareUnsigned(previous, 0, previousLength, key, 0, length) >= 0) {
                throw new IllegalArgumentException("Keys must be added in strictly ascending order");
            }
            int shared = 0;
            if (count % BLOCK == 0) {
                if (count / BLOCK == blocks.length) {
                    blocks = Arrays.copyOf(blocks, blocks.length * 2);
                }
                blocks[count / BLOCK] = used;
            } else {
                int mismatch = Arrays.mismatch(previous, 0, previousLength, key, 0, length);
                shared = mismatch < 0 ? Math.min(previousLength, length) : mismatch;
            }
            ensure(35 + length - shared);
            writeVarint(shared);
            writeVarint(length - shared);
            System.arraycopy(key, shared, data, used, length - shared);
            used += length - shared;
            writeVarint(value);
            writeVarlong(size + 1);
            writeVarlong(modified + 1);
            if (length > previous.length) {
                previous = Arrays.copyOf(previous, Math.max(length, previous.length * 2));
            }
            System.arraycopy(key, shared, previous, shared, length - shared);
            previousLength = length;
            if (count == 0) {
                first = Arrays.copyOf(key, length);
            }
            count++;
        }

        /** The table; the builder must not be used afterwards. */
        public KeyTable build() {
            return new KeyTable(Arrays.copyOf(data, used), Arrays.copyOf(blocks, (count + BLOCK - 1) / BLOCK), count,
                    first == null ? new byte[0] : first,
                    count == 1 ? first : Arrays.copyOf(previous, previousLength)); // one key: one array
        }

        private void ensure(int extra) {
            if (used + extra > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, used + extra));
            }
        }

        private void writeVarlong(long v) {
            while ((v & ~0x7FL) != 0) {
                data[used++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            data[used++] = (byte) v;
        }

        private void writeVarint(int v) {
            while ((v & ~0x7F) != 0) {
                data[used++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            data[used++] = (byte) v;
        }
    }
}
