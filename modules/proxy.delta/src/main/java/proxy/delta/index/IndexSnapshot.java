package proxy.delta.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;

/**
 * One published, immutable state of a table's index: the sorted keys of every file the retained log references,
 * the partition tuple of each (by id), and the tuple sets of deletion vectors. Readers share it without locks.
 *
 * <p>Keys live in two layers so that an incremental refresh costs the size of the new commits rather than the
 * table: {@code recent} holds the keys of recent refreshes and shadows {@code base}; when it outgrows a fraction
 * of the base, a refresh folds it into the base.
 *
 * @param version    the table version it reflects
 * @param base       file keys to {@link EntryValue}s
 * @param recent     newer entries; a key here wins over the same key in {@code base}
 * @param partitions logical partition values by tuple id
 * @param dvSets     sorted tuple ids by deletion-vector set id
 */
public record IndexSnapshot(long version, KeyTable base, KeyTable recent, PartitionValues[] partitions,
                            int[][] dvSets) {
    private static final String LOG_PREFIX = "_delta_log/";

    public IndexSnapshot {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(dvSets, "dvSets");
    }

    /** The state before the first load. */
    public static IndexSnapshot empty() {
        return new IndexSnapshot(-1, KeyTable.empty(), KeyTable.empty(), new PartitionValues[0], new int[0][]);
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
        if (key.startsWith(LOG_PREFIX)) {
            return FileClass.DELTA_LOG;
        }
        int value = valueOf(key.getBytes(StandardCharsets.UTF_8));
        if (value < 0) {
            return FileClass.UNKNOWN;
        }
        int id = EntryValue.id(value);
        return switch (EntryValue.kind(value)) {
            case EntryValue.DATA -> new FileClass.DataFile(partitions[id]);
            case EntryValue.CHANGE_DATA -> new FileClass.ChangeData(partitions[id]);
            default -> new FileClass.DeletionVector(partitionsOf(dvSets[id]));
        };
    }

    /** The entry value of a key, or -1. */
    int valueOf(byte[] key) {
        int value = recent.get(key);
        return value >= 0 ? value : base.get(key);
    }

    /**
     * Whether some indexed file under the prefix has an accepted partition; the predicate runs at most once per
     * distinct tuple per call.
     */
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        Map<Integer, Boolean> verdicts = new HashMap<>();
        if (anyAccepted(recent.seek(p), p, allowed, verdicts, false)) {
            return true;
        }
        return anyAccepted(base.seek(p), p, allowed, verdicts, recent.size() > 0);
    }

    private boolean anyAccepted(KeyTable.Cursor c, byte[] prefix, Predicate<PartitionValues> allowed,
                                Map<Integer, Boolean> verdicts, boolean checkShadow) {
        while (c.next() && c.startsWith(prefix)) {
            if (accepted(c.value(), allowed, verdicts) && !(checkShadow && recent.get(c.key()) >= 0)) {
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

    private boolean accepted(int value, Predicate<PartitionValues> allowed, Map<Integer, Boolean> verdicts) {
        int id = EntryValue.id(value);
        if (EntryValue.kind(value) != EntryValue.DELETION_VECTOR) {
            return verdicts.computeIfAbsent(id, i -> allowed.test(partitions[i]));
        }
        for (int tuple : dvSets[id]) {
            if (verdicts.computeIfAbsent(tuple, i -> allowed.test(partitions[i]))) {
                return true;
            }
        }
        return false;
    }

    private List<PartitionValues> partitionsOf(int[] set) {
        List<PartitionValues> out = new ArrayList<>(set.length);
        for (int id : set) {
            if (!out.contains(partitions[id])) {
                out.add(partitions[id]);
            }
        }
        return out;
    }
}
