package proxy.delta.index;

/**
 * The int value of a {@link KeyTable} entry: what the key is (two low bits), whether the current table state
 * references it (the next bit, {@link #LIVE}), and the id it refers to — a partition tuple for data and change-data
 * files, a set of {@link DvWindows} for deletion vectors (whose bit is set iff one of its windows is live).
 */
final class EntryValue {
    static final int DATA = 0;
    static final int CHANGE_DATA = 1;
    static final int DELETION_VECTOR = 2;
    /** Set when the current snapshot (its checkpoint and newer commits) still references the file. */
    static final int LIVE = 4;

    private EntryValue() {
    }

    static int of(int kind, int id, boolean live) {
        return id << 3 | (live ? LIVE : 0) | kind;
    }

    static int kind(int value) {
        return value & 3;
    }

    static int id(int value) {
        return value >>> 3;
    }

    static boolean live(int value) {
        return (value & LIVE) != 0;
    }

    static int withLive(int value, boolean live) {
        return live ? value | LIVE : value & ~LIVE;
    }
}
