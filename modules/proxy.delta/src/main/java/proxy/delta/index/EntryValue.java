package proxy.delta.index;

/**
 * The int value of a {@link KeyTable} entry: what the key is (two low bits) and the id it refers to — a
 * partition tuple for data and change-data files, a set of tuples for deletion vectors.
 */
final class EntryValue {
    static final int DATA = 0;
    static final int CHANGE_DATA = 1;
    static final int DELETION_VECTOR = 2;

    private EntryValue() {
    }

    static int of(int kind, int id) {
        return id << 2 | kind;
    }

    static int kind(int value) {
        return value & 3;
    }

    static int id(int value) {
        return value >>> 2;
    }
}
