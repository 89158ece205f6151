package proxy.delta.log;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a string-to-string map column row by row, handing back the previous row's map instance when a row holds
 * the same entries in the same order. Files arrive grouped by partition, so most {@code partitionValues} repeat
 * the previous row's: they cost a comparison instead of a new map, and {@code TupleTable} recognises the
 * instance without hashing it. The maps handed out are unmodifiable. One reader per column scan; not thread-safe.
 */
final class RepeatingMapReader {
    private static final Map<String, String> EMPTY = Collections.emptyMap();

    private Map<String, String> last = EMPTY;
    private String[] lastKeys = new String[0];
    private String[] lastValues = new String[0];

    /** The map of a row; empty for a null map. */
    Map<String, String> read(ColumnVector column, int row) {
        if (column.isNullAt(row)) {
            return EMPTY;
        }
        MapValue map = column.getMap(row);
        int size = map.getSize();
        ColumnVector keys = map.getKeys();
        ColumnVector values = map.getValues();
        String[] k = new String[size];
        String[] v = new String[size];
        boolean same = size == lastKeys.length;
        for (int i = 0; i < size; i++) {
            k[i] = keys.getString(i);
            v[i] = values.isNullAt(i) ? null : values.getString(i);
            same = same && k[i].equals(lastKeys[i]) && Objects.equals(v[i], lastValues[i]);
        }
        if (!same) {
            Map<String, String> copy = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                copy.put(k[i], v[i]);
            }
            last = Collections.unmodifiableMap(copy);
            lastKeys = k;
            lastValues = v;
        }
        return last;
    }
}
