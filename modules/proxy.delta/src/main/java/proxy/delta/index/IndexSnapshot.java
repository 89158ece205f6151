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
 * @param version    the table version it reflects
 * @param keys       file keys to {@link EntryValue}s
 * @param partitions logical partition values by tuple id
 * @param dvSets     sorted tuple ids by deletion-vector set id
 */
public record IndexSnapshot(long version, KeyTable keys, PartitionValues[] partitions, int[][] dvSets) {
    private static final String LOG_PREFIX = "_delta_log/";

    public IndexSnapshot {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(dvSets, "dvSets");
    }

    /** What a key is. */
    public FileClass classify(String key) {
        if (key.startsWith(LOG_PREFIX)) {
            return FileClass.DELTA_LOG;
        }
        int value = keys.get(key.getBytes(StandardCharsets.UTF_8));
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

    /**
     * Whether some indexed file under the prefix has an accepted partition; the predicate runs at most once per
     * distinct tuple per call.
     */
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        Map<Integer, Boolean> verdicts = new HashMap<>();
        KeyTable.Cursor c = keys.seek(p);
        while (c.next() && c.startsWith(p)) {
            int value = c.value();
            int id = EntryValue.id(value);
            boolean ok = EntryValue.kind(value) == EntryValue.DELETION_VECTOR
                    ? anyAccepted(dvSets[id], allowed, verdicts)
                    : verdicts.computeIfAbsent(id, i -> allowed.test(partitions[i]));
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** Data files per partition. */
    public Map<PartitionValues, Long> dataFileCounts() {
        Map<PartitionValues, Long> counts = new HashMap<>();
        KeyTable.Cursor c = keys.cursor();
        while (c.next()) {
            if (EntryValue.kind(c.value()) == EntryValue.DATA) {
                counts.merge(partitions[EntryValue.id(c.value())], 1L, Long::sum);
            }
        }
        return Map.copyOf(counts);
    }

    private boolean anyAccepted(int[] set, Predicate<PartitionValues> allowed, Map<Integer, Boolean> verdicts) {
        for (int id : set) {
            if (verdicts.computeIfAbsent(id, i -> allowed.test(partitions[i]))) {
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
