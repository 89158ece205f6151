package proxy.bench.index;

import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The baseline: what any Kernel connector does to list a snapshot's files. A fresh {@link DefaultEngine}, the
 * latest snapshot, a scan without filter, and every selected scan-file row touched: its path read as a String and
 * its partition values copied into a map (the same work the index does per file, minus the index itself).
 */
final class KernelScan {
    private final String table;

    KernelScan(Path table) {
        this.table = table.toAbsolutePath().toString();
    }

    /** What one scan saw. */
    record Result(long files, long version, long checksum) {
    }

    Result run() throws IOException {
        Engine engine = DefaultEngine.create(new Configuration());
        var snapshot = Table.forPath(engine, table).getLatestSnapshot(engine);
        long files = 0;
        long checksum = 0;
        try (CloseableIterator<FilteredColumnarBatch> batches =
                     snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                FilteredColumnarBatch batch = batches.next();
                ColumnarBatch data = batch.getData();
                ColumnVector add = data.getColumnVector(InternalScanFileUtils.ADD_FILE_ORDINAL);
                StructType addType = (StructType) add.getDataType();
                ColumnVector path = add.getChild(addType.indexOf("path"));
                ColumnVector partitions = add.getChild(addType.indexOf("partitionValues"));
                Optional<ColumnVector> selected = batch.getSelectionVector();
                for (int row = 0; row < data.getSize(); row++) {
                    if (add.isNullAt(row) || selected.isPresent()
                            && (selected.get().isNullAt(row) || !selected.get().getBoolean(row))) {
                        continue;
                    }
                    checksum += path.getString(row).length() + partitionValues(partitions.getMap(row)).size();
                    files++;
                }
            }
        }
        return new Result(files, snapshot.getVersion(), checksum);
    }

    private static Map<String, String> partitionValues(MapValue m) {
        Map<String, String> out = new LinkedHashMap<>();
        ColumnVector keys = m.getKeys();
        ColumnVector values = m.getValues();
        for (int i = 0; i < m.getSize(); i++) {
            out.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
        }
        return out;
    }
}
