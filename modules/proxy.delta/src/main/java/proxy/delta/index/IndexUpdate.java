package proxy.delta.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.api.delta.LogNames;
import proxy.api.delta.PartitionValues;
import proxy.delta.log.ActionSink;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.DeletionVectorPaths;
import proxy.delta.log.FileAction;
import proxy.delta.log.Protocol;
import proxy.delta.log.TablePaths;

/**
 * Collects the file actions of one refresh (a checkpoint and/or commits) and merges them into the previous
 * snapshot. A key keeps the partition tuple of its first reference that has one (a {@code remove} may omit its
 * partition values); a deletion-vector file accumulates the windows (offset, length) of every descriptor that names
 * it, each with the tuple of the data file that carries the descriptor (see {@link DvWindows}); a data or
 * change-data file wins over a deletion vector on the same key. A key's size and modification time come from
 * its first {@code add} (else the first action that states a size). Paths under {@code _delta_log/} are never
 * indexed: the log is not data.
 *
 * <p>Liveness (the {@link EntryValue#LIVE} bit): a data file is live when the newest version that names it (a
 * checkpoint counts as one version; the readers announce each with {@link #beginVersion}) has an {@code add} of it,
 * so a {@code remove} and an {@code add} of one path in one version (a deletion-vector update) leave it live; a
 * deletion-vector window likewise by the actions that carry its descriptor, and a deletion-vector file is live while
 * one of its windows is; change-data files are never live (no snapshot references them). A refresh is newer than the
 * snapshot it merges into, so its liveness wins; a {@link #retained} update (commits a checkpoint already covers) is
 * older, so it never changes the liveness of a key the snapshot holds, and a key only it names is not live.
 */
public final class IndexUpdate implements ActionSink {
    private static final int FOLD_MINIMUM = 4096;
    /** For entries of the recent layer, already combined with the base when they were added. */
    private static final KeyTable.Combiner NEWER_WINS = (old, added) -> added;
    /** For the per-partition key tables, which hold keys only. */
    private static final KeyTable.Combiner KEEP = (old, added) -> old;

    private final TablePaths paths;
    private final DeletionVectorPaths dvPaths;
    private final TupleTable tuples;
    private final List<Pending> pending = new ArrayList<>();
    private Optional<Metadata> metadata = Optional.empty();
    private Optional<Protocol> protocol = Optional.empty();
    private final boolean older;
    private long skipped;
    private int version;

    /** @param tuples the table's tuple ids, shared with earlier refreshes */
    public IndexUpdate(TablePaths paths, TupleTable tuples) {
        this(paths, tuples, false);
    }

    private IndexUpdate(TablePaths paths, TupleTable tuples, boolean older) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.dvPaths = new DeletionVectorPaths(paths);
        this.tuples = Objects.requireNonNull(tuples, "tuples");
        this.older = older;
    }

    /**
     * An update of commits older than the snapshot it will be applied to (the retained commits a checkpoint
     * covers): it adds their files without changing what the snapshot says is live.
     */
    public static IndexUpdate retained(TablePaths paths, TupleTable tuples) {
        return new IndexUpdate(paths, tuples, true);
    }

    /**
     * The latest metadata seen.
     *
     * @param schemaString  the table schema as JSON
     * @param configuration the table properties
     */
    public record Metadata(String schemaString, Map<String, String> configuration) {
    }

    /**
     * One reference to a key; {@code window} is a deletion vector's packed {@link DvWindows#window}, else 0;
     * {@code version} the ordinal of the version that names it, {@code add} whether an {@code add} does.
     */
    private record Pending(byte[] key, int kind, int id, long size, long modified, long window, int version,
                           boolean add) {
    }

    @Override
    public void beginVersion(long logVersion) {
        version++;
    }

    @Override
    public void file(FileAction action) {
        Optional<String> key = paths.keyOf(action.path()).filter(k -> !LogNames.inLog(k));
        if (key.isEmpty()) {
            skipped++;
            return;
        }
        int tuple = tuples.idOf(action.partitionValues());
        int kind = action.type() == FileAction.Type.CDC ? EntryValue.CHANGE_DATA : EntryValue.DATA;
        boolean add = action.type() == FileAction.Type.ADD;
        pending.add(new Pending(key.get().getBytes(StandardCharsets.UTF_8), kind, tuple, action.size(),
                action.modificationTime(), 0, version, add));
        action.deletionVector().ifPresent(dv -> dvPaths.keyOf(dv).filter(k -> !LogNames.inLog(k)).ifPresent(k ->
                pending.add(new Pending(k.getBytes(StandardCharsets.UTF_8), EntryValue.DELETION_VECTOR, tuple, -1,
                        -1, DvWindows.window(dv.offset(), dv.sizeInBytes()), version, add))));
    }

    @Override
    public void metadata(String schemaString, Map<String, String> configuration) {
        metadata = Optional.of(new Metadata(schemaString, Map.copyOf(configuration)));
    }

    /** The latest metadata action seen, if any. */
    public Optional<Metadata> metadata() {
        return metadata;
    }

    @Override
    public void protocol(Protocol action) {
        protocol = Optional.of(action);
    }

    /** The latest protocol action seen, if any. */
    public Optional<Protocol> protocol() {
        return protocol;
    }

    /** File paths that named nothing inside the table (absolute elsewhere, malformed). */
    public long skipped() {
        return skipped;
    }

    /**
     * The previous snapshot with this update's files merged in, at the given version; each new entry is combined
     * with what the snapshot already says about its key. A small update goes to the recent layer, looking up each
     * of its keys (a key whose value does not change stays where it is), so a refresh costs O(new + recent); an
     * update that would make the recent layer exceed an eighth of the base (a first load, the retained commits of
     * one) is merged into the base in one pass instead, which also folds the recent layer in. Amortized, O(1) per
     * indexed file.
     */
    public IndexSnapshot applyTo(IndexSnapshot previous, long version, ColumnMapping mapping) {
        List<int[]> dvSets = new ArrayList<>(Arrays.asList(previous.dvSets()));
        List<KeyTable.Entry> added = collapse(dvSets);
        KeyTable.Combiner combine = (old, now) -> now.with(combine(old.value(), now.value(), dvSets),
                described(old) || !described(now) && old.size() >= 0 ? old.size() : now.size(),
                described(old) || !described(now) && old.modified() >= 0 ? old.modified() : now.modified());
        KeyTable base = previous.base();
        KeyTable recent = previous.recent();
        if (recent.size() + added.size() > Math.max(FOLD_MINIMUM, base.size() / 8)) {
            KeyTable folded = recent.size() == 0 ? base : KeyTable.merge(base, recent.entries(), NEWER_WINS);
            base = KeyTable.merge(folded, added, combine);
            recent = KeyTable.empty();
        } else {
            List<KeyTable.Entry> entries = new ArrayList<>(added.size());
            for (KeyTable.Entry e : added) {
                KeyTable.Entry old = previous.entryOf(e.key());
                KeyTable.Entry value = old == null ? e : combine.combine(old, e);
                if (old == null || !sameContent(old, value)) { // an unchanged key stays where it is
                    entries.add(value);
                }
            }
            recent = entries.isEmpty() ? recent : KeyTable.merge(recent, entries, NEWER_WINS);
            if (base.size() == 0) {
                base = recent;
                recent = KeyTable.empty();
            }
        }
        int[][] sets = dvSets.toArray(int[][]::new);
        PartitionValues[] partitions = tuples.translate(mapping);
        return new IndexSnapshot(version, base, recent, partitions, sets,
                byPartition(previous.byTuple(), added, sets, partitions.length));
    }

    /**
     * The per-partition key tables with the added keys: each key goes to the table of its partition, a deletion
     * vector to the table of every partition that references it. Only the partitions this update touches are
     * rebuilt.
     */
    private static KeyTable[] byPartition(KeyTable[] previous, List<KeyTable.Entry> added, int[][] dvSets,
                                          int tupleCount) {
        KeyTable[] out = Arrays.copyOf(previous, tupleCount);
        Map<Integer, List<KeyTable.Entry>> touched = new HashMap<>();
        for (KeyTable.Entry e : added) {
            KeyTable.Entry key = new KeyTable.Entry(e.key(), 0);
            int id = EntryValue.id(e.value());
            if (EntryValue.kind(e.value()) == EntryValue.DELETION_VECTOR) {
                for (int tuple : DvWindows.tuples(dvSets[id])) {
                    touched.computeIfAbsent(tuple, t -> new ArrayList<>()).add(key);
                }
            } else {
                touched.computeIfAbsent(id, t -> new ArrayList<>()).add(key);
            }
        }
        touched.forEach((tuple, keys) -> out[tuple] =
                KeyTable.merge(out[tuple] == null ? KeyTable.empty() : out[tuple], keys, KEEP));
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] == null ? KeyTable.empty() : out[i];
        }
        return out;
    }

    private static boolean described(KeyTable.Entry e) {
        return e.size() >= 0 && e.modified() >= 0;
    }

    private static boolean sameContent(KeyTable.Entry a, KeyTable.Entry b) {
        return a.value() == b.value() && a.size() == b.size() && a.modified() == b.modified();
    }

    /** Sorts the pending references once and makes one entry per distinct key. */
    private List<KeyTable.Entry> collapse(List<int[]> dvSets) {
        Pending[] sorted = pending.toArray(Pending[]::new);
        pending.clear();
        Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        List<KeyTable.Entry> out = new ArrayList<>(sorted.length);
        int i = 0;
        while (i < sorted.length) {
            int j = i + 1;
            while (j < sorted.length && Arrays.equals(sorted[j].key(), sorted[i].key())) {
                j++;
            }
            Pending meta = describedFirst(sorted, i, j);
            out.add(new KeyTable.Entry(sorted[i].key(), valueOf(sorted, i, j, dvSets), meta.size(),
                    meta.modified()));
            i = j;
        }
        return out;
    }

    /** The reference that best describes a file: an {@code add} (size and time), else one with a size. */
    private static Pending describedFirst(Pending[] sorted, int from, int to) {
        Pending best = sorted[from];
        for (int k = from; k < to; k++) {
            Pending p = sorted[k];
            if (p.modified() >= 0 && p.size() >= 0) {
                return p;
            }
            if (best.size() < 0 && p.size() >= 0) {
                best = p;
            }
        }
        return best;
    }

    /** The value of one key from its references {@code sorted[from..to)} (in log order: the sort is stable). */
    private int valueOf(Pending[] sorted, int from, int to, List<int[]> dvSets) {
        Pending file = null;
        int newest = -1;
        boolean live = false;
        Windows windows = null; // most keys have none
        for (int k = from; k < to; k++) {
            Pending p = sorted[k];
            if (p.kind() == EntryValue.DELETION_VECTOR) {
                windows = windows == null ? new Windows(to - from) : windows;
                windows.name(p);
                continue;
            }
            if (file == null || tuples.isEmpty(file.id()) && !tuples.isEmpty(p.id())) {
                file = p;
            }
            live = p.version() == newest ? live || p.add() : p.add();
            newest = p.version();
        }
        if (file != null) {
            return EntryValue.of(file.kind(), file.id(), live && file.kind() == EntryValue.DATA && !older);
        }
        int[] set = DvWindows.of(windows.windows, windows.tuples, windows.live, windows.count);
        set = older ? DvWindows.retired(set) : set;
        return EntryValue.of(EntryValue.DELETION_VECTOR, addSet(dvSets, set), DvWindows.anyLive(set));
    }

    /** The distinct windows the descriptors of one deletion-vector file name, with their liveness. */
    private static final class Windows {
        final long[] windows;
        final int[] tuples;
        final boolean[] live;
        final int[] versions;
        int count;

        Windows(int capacity) {
            windows = new long[capacity];
            tuples = new int[capacity];
            live = new boolean[capacity];
            versions = new int[capacity];
        }

        /**
         * Records a descriptor: a window named by an earlier version takes this one's liveness, one named again in
         * the same version is live if any of its actions is an {@code add}.
         */
        void name(Pending p) {
            for (int w = 0; w < count; w++) {
                if (windows[w] == p.window() && tuples[w] == p.id()) {
                    // An unknown window (0) may stand for several vectors: once live, it stays live.
                    live[w] = versions[w] == p.version() || p.window() == 0 ? live[w] || p.add() : p.add();
                    versions[w] = p.version();
                    return;
                }
            }
            windows[count] = p.window();
            tuples[count] = p.id();
            live[count] = p.add();
            versions[count++] = p.version();
        }
    }

    private int combine(int oldValue, int newValue, List<int[]> dvSets) {
        boolean oldDv = EntryValue.kind(oldValue) == EntryValue.DELETION_VECTOR;
        boolean newDv = EntryValue.kind(newValue) == EntryValue.DELETION_VECTOR;
        if (oldDv && newDv) {
            int[] old = dvSets.get(EntryValue.id(oldValue));
            int[] added = dvSets.get(EntryValue.id(newValue));
            int[] union = older ? DvWindows.union(added, old) : DvWindows.union(old, added);
            return Arrays.equals(union, old) ? oldValue
                    : EntryValue.of(EntryValue.DELETION_VECTOR, addSet(dvSets, union), DvWindows.anyLive(union));
        }
        if (oldDv || newDv) {
            return oldDv ? newValue : oldValue;
        }
        boolean better = tuples.isEmpty(EntryValue.id(oldValue)) && !tuples.isEmpty(EntryValue.id(newValue));
        boolean live = EntryValue.live(older ? oldValue : newValue);
        return EntryValue.withLive(better ? newValue : oldValue, live);
    }

    private static int addSet(List<int[]> dvSets, int[] set) {
        dvSets.add(set);
        return dvSets.size() - 1;
    }
}
