package proxy.delta.index;

import java.util.ArrayList;
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

    /** The id of a tuple, adding it when new. */
    public int idOf(Map<String, String> physical) {
        Integer id = ids.get(physical);
        if (id != null) {
            return id;
        }
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(physical));
        tuples.add(copy);
        ids.put(copy, tuples.size() - 1);
        return tuples.size() - 1;
    }

    /** Whether a tuple has no values (an unpartitioned file, or an action that omitted its partition values). */
    public boolean isEmpty(int id) {
        return tuples.get(id).isEmpty();
    }

    /**
     * Every tuple by id with logical column names; equal tuples share one {@link PartitionValues} instance.
     */
    public PartitionValues[] translate(ColumnMapping mapping) {
        Map<PartitionValues, PartitionValues> interned = new HashMap<>();
        PartitionValues[] out = new PartitionValues[tuples.size()];
        for (int i = 0; i < out.length; i++) {
            Map<String, String> logical = new LinkedHashMap<>();
            tuples.get(i).forEach((k, v) -> logical.put(mapping.logical(k), v));
            PartitionValues pv = logical.isEmpty() ? PartitionValues.NONE : new PartitionValues(logical);
            out[i] = interned.computeIfAbsent(pv, p -> p);
        }
        return out;
    }
}
