package proxy.delta.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import proxy.api.delta.FileClass;
import proxy.api.delta.FileCursor;
import proxy.api.delta.LogNames;
import proxy.api.delta.PartitionValues;

/**
 * One published, immutable state of a table's index: the sorted keys of every file the retained log references,
 * the partition tuple of each (by id), and the windows of deletion-vector files ({@link DvWindows}). Readers share it without locks.
 *
 * <p>Keys live in two layers so that an incremental refresh costs the size of the new commits rather than the
 * table: {@code recent} holds the keys of recent refreshes and shadows {@code base}; when it outgrows a fraction
 * of the base, a refresh folds it into the base.
 *
 * @param version    the table version it reflects
 * @param base       file keys to {@link EntryValue}s
 * @param recent     newer entries; a key here wins over the same key in {@code base}
 * <p>Beside them, {@code byTuple} holds, per partition tuple, the sorted keys of that partition's files (a
 * deletion vector under every partition that references it; a key whose partition a later action corrected may
 * linger under the old one, so readers confirm each key against the main layers). Listings and "is anything
 * visible under this prefix" questions read only the tables of the partitions a principal may see, so their cost
 * never depends on what hidden partitions hold.
 *
 * @param version    the table version it reflects
 * @param base       file keys to {@link EntryValue}s, sizes and modification times
 * @param recent     newer entries; a key here wins over the same key in {@code base}
 * @param partitions logical partition values by tuple id
 * @param dvSets     {@link DvWindows} sets by deletion-vector set id
 * @param byTuple    keys by tuple id (same length as {@code partitions})
 */
public record IndexSnapshot(long version, KeyTable base, KeyTable recent, PartitionValues[] partitions,
                            int[][] dvSets, KeyTable[] byTuple) {

    public IndexSnapshot {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(dvSets, "dvSets");
        Objects.requireNonNull(byTuple, "byTuple");
        if (byTuple.length != partitions.length) {
            throw new IllegalArgumentException("one key table per partition tuple");
        }
    }

    /** The state before the first load. */
    public static IndexSnapshot empty() {
        return new IndexSnapshot(-1, KeyTable.empty(), KeyTable.empty(), new PartitionValues[0], new int[0][],
                new KeyTable[0]);
    }

    /** How many distinct keys are indexed. */
    public int size() {
        int shadowed = 0;
        KeyTable.Cursor c = recent.cursor();
        while (c.next()) {
            shadowed += base.get(c.key()) >= 0 ? 1 : 0;
        }
        return base.size() + recent.size() - shadowed;
    }

    /** What a key is. */
    public FileClass classify(String key) {
        if (LogNames.inLog(key)) {
            return LogNames.isProtocolFile(key) ? FileClass.DELTA_LOG : FileClass.UNKNOWN;
        }
        int value = valueOf(key.getBytes(StandardCharsets.UTF_8));
        if (value < 0) {
            return FileClass.UNKNOWN;
        }
        int id = EntryValue.id(value);
        return switch (EntryValue.kind(value)) {
            case EntryValue.DATA -> new FileClass.DataFile(partitions[id]);
            case EntryValue.CHANGE_DATA -> new FileClass.ChangeData(partitions[id]);
            default -> new FileClass.DeletionVector(windowsOf(dvSets[id]));
        };
    }

    /**
     * Whether the current table state references a key: a data file whose newest action is an {@code add}, a
     * deletion-vector file such an {@code add} names (see {@link IndexUpdate}). False for change-data files, files
     * only removed or older versions name, and keys the index does not hold.
     */
    public boolean referencedNow(String key) {
        int value = valueOf(key.getBytes(StandardCharsets.UTF_8));
        return value >= 0 && EntryValue.live(value);
    }

    /** The entry value of a key, or -1. */
    int valueOf(byte[] key) {
        int value = recent.get(key);
        return value >= 0 ? value : base.get(key);
    }

    /** The entry of a key (value, size, time), or null. */
    KeyTable.Entry entryOf(byte[] key) {
        KeyTable.Entry entry = recent.find(key);
        return entry != null ? entry : base.find(key);
    }

    /**
     * Whether some indexed file under the prefix has an accepted partition. Reads only the key tables of accepted
     * partitions (the predicate runs once per tuple).
     */
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        Verdicts verdicts = new Verdicts(allowed);
        for (int tuple = 0; tuple < byTuple.length; tuple++) {
            if (!byTuple[tuple].mayHold(p, p) || !verdicts.accepts(tuple)) {
                continue;
            }
            KeyTable.Cursor c = byTuple[tuple].seek(p);
            while (c.next() && c.startsWith(p)) {
                KeyTable.Entry entry = entryOf(c.key());
                if (entry != null && accepted(entry.value(), verdicts)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The files under a prefix after a key whose partition the predicate accepts, in key order (see
     * {@link proxy.api.delta.TableIndex#files}).
     */
    public FileCursor files(String prefix, Optional<String> startAfter, Predicate<PartitionValues> allowed) {
        return new VisibleFiles(this, prefix, startAfter, new Verdicts(allowed));
    }

    /** The predicate's answer per tuple, asked at most once per tuple. */
    final class Verdicts {
        private final Predicate<PartitionValues> allowed;
        private final byte[] known = new byte[partitions.length]; // 0 unknown, 1 accepted, 2 rejected

        Verdicts(Predicate<PartitionValues> allowed) {
            this.allowed = Objects.requireNonNull(allowed, "allowed");
        }

        boolean accepts(int tuple) {
            if (known[tuple] == 0) {
                known[tuple] = (byte) (allowed.test(partitions[tuple]) ? 1 : 2);
            }
            return known[tuple] == 1;
        }
    }

    /** Whether an entry value (a file's partition, or a deletion vector's) is accepted. */
    boolean accepted(int value, Verdicts verdicts) {
        int id = EntryValue.id(value);
        if (EntryValue.kind(value) != EntryValue.DELETION_VECTOR) {
            return verdicts.accepts(id);
        }
        int[] set = dvSets[id];
        for (int w = 0; w < DvWindows.count(set); w++) {
            if (verdicts.accepts(DvWindows.tuple(set, w))) {
                return true;
            }
        }
        return false;
    }

    /** Data files per partition. */
    public Map<PartitionValues, Long> dataFileCounts() {
        Map<PartitionValues, Long> counts = new HashMap<>();
        count(recent.cursor(), counts, false);
        count(base.cursor(), counts, recent.size() > 0);
        return Map.copyOf(counts);
    }

    private void count(KeyTable.Cursor c, Map<PartitionValues, Long> counts, boolean checkShadow) {
        while (c.next()) {
            if (EntryValue.kind(c.value()) == EntryValue.DATA && !(checkShadow && recent.get(c.key()) >= 0)) {
                counts.merge(partitions[EntryValue.id(c.value())], 1L, Long::sum);
            }
        }
    }

    private List<FileClass.DeletionVector.Window> windowsOf(int[] set) {
        List<FileClass.DeletionVector.Window> out = new ArrayList<>(DvWindows.count(set));
        for (int w = 0; w < DvWindows.count(set); w++) {
            out.add(new FileClass.DeletionVector.Window(DvWindows.offset(set, w), DvWindows.length(set, w),
                    partitions[DvWindows.tuple(set, w)]));
        }
        return out;
    }
}
