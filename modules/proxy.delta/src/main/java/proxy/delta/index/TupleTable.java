package proxy.delta.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import proxy.api.delta.PartitionValues;
import proxy.delta.log.ColumnMapping;

/**
 * The distinct partition tuples of a table as the log writes them (physical names), each with a stable id.
 * Grows across refreshes; owned by the one refresher of a table (not thread-safe). Published indexes get an
 * immutable translated copy ({@link #translate}).
 */
public final class TupleTable {
    private final Map<Map<String, String>, Integer> ids = new HashMap<>();
    private final List<Map<String, String>> tuples = new ArrayList<>();
    private Map<String, String> lastAsked;
    private int lastId;
    private ColumnMapping translatedWith;
    private PartitionValues[] translated = new PartitionValues[0];
    private final Map<PartitionValues, PartitionValues> interned = new HashMap<>();

    /**
     * The id of a tuple, adding it when new. The map must not change after the call: files arrive grouped by
     * partition and the log readers hand a run of them one map instance, which is recognised without hashing.
     */
    public int idOf(Map<String, String> physical) {
        if (physical == lastAsked) {
            return lastId;
        }
        Integer id = ids.get(physical);
        if (id == null) {
            Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(physical));
            tuples.add(copy);
            id = tuples.size() - 1;
            ids.put(copy, id);
        }
        lastAsked = physical;
        lastId = id;
        return id;
    }

    /** Whether a tuple has no values (an unpartitioned file, or an action that omitted its partition values). */
    public boolean isEmpty(int id) {
        return tuples.get(id).isEmpty();
    }

    /**
     * Every tuple by id with logical column names; equal tuples share one {@link PartitionValues} instance. Only
     * the tuples added since the last call are translated, unless the mapping changed.
     */
    public PartitionValues[] translate(ColumnMapping mapping) {
        if (!mapping.equals(translatedWith)) {
            translatedWith = mapping;
            translated = new PartitionValues[0];
            interned.clear();
        }
        int from = translated.length;
        PartitionValues[] out = Arrays.copyOf(translated, tuples.size());
        for (int i = from; i < out.length; i++) {
            Map<String, String> logical = new LinkedHashMap<>();
            tuples.get(i).forEach((k, v) -> logical.put(mapping.logical(k), v));
            PartitionValues pv = logical.isEmpty() ? PartitionValues.NONE : new PartitionValues(logical);
            out[i] = interned.computeIfAbsent(pv, p -> p);
        }
        translated = out;
        return out;
    }
}
