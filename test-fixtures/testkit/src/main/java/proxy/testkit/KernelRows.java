package proxy.testkit;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the rows of a table snapshot with Delta Kernel as a connector does (scan files, Parquet, deletion vectors
 * and partition columns applied by {@link Scan#transformPhysicalData}), each row rendered as a string; the rows of
 * files whose logical partition values a predicate rejects are skipped (the oracle's "grant applied").
 */
public final class KernelRows {
    private KernelRows() {
    }

    /** The sorted rows of the snapshot at {@code version} (latest when negative) of files {@code keep} accepts. */
    public static List<String> read(Engine engine, Path table, long version, Predicate<Map<String, String>> keep) {
        return read(engine, table.toString(), version, keep);
    }

    /** As {@link #read(Engine, Path, long, Predicate)}, for a table path the engine resolves (any URI scheme). */
    public static List<String> read(Engine engine, String table, long version, Predicate<Map<String, String>> keep) {
        var builder = TableManager.loadSnapshot(table);
        Snapshot snapshot = (version < 0 ? builder : builder.atVersion(version)).build(engine);
        Map<String, String> logical = logicalNames(snapshot.getSchema());
        Scan scan = snapshot.getScanBuilder().build();
        Row state = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        Map<String, String> values = new HashMap<>();
                        InternalScanFileUtils.getPartitionValues(file)
                                .forEach((k, v) -> values.put(logical.getOrDefault(k, k), v));
                        if (keep.test(values)) {
                            readFile(engine, state, file, physical, rows);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(null);
        return rows;
    }

    /** The version of the latest snapshot. */
    public static long latestVersion(Engine engine, Path table) {
        return TableManager.loadSnapshot(table.toString()).build(engine).getVersion();
    }

    private static void readFile(Engine engine, Row state, Row file, StructType physical, List<String> rows)
            throws IOException {
        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                .readParquetFiles(io.delta.kernel.internal.util.Utils.singletonCloseableIterator(status), physical,
                        Optional.empty())
                .map(r -> r.getData());
        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, state, file, data)) {
            while (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                ColumnarBatch b = batch.getData();
                Optional<ColumnVector> selected = batch.getSelectionVector();
                for (int i = 0; i < b.getSize(); i++) {
                    if (selected.isPresent() && (selected.get().isNullAt(i) || !selected.get().getBoolean(i))) {
                        continue;
                    }
                    StringBuilder row = new StringBuilder();
                    for (int c = 0; c < b.getSchema().length(); c++) {
                        row.append(b.getSchema().at(c).getName()).append('=');
                        render(b.getColumnVector(c), i, b.getSchema().at(c).getDataType(), row);
                        row.append(';');
                    }
                    rows.add(row.toString());
                }
            }
        }
    }

    private static void render(ColumnVector v, int i, DataType t, StringBuilder out) {
        if (v.isNullAt(i)) {
            out.append("null");
        } else if (t instanceof BooleanType) {
            out.append(v.getBoolean(i));
        } else if (t instanceof ByteType) {
            out.append(v.getByte(i));
        } else if (t instanceof ShortType) {
            out.append(v.getShort(i));
        } else if (t instanceof IntegerType || t instanceof DateType) {
            out.append(v.getInt(i));
        } else if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
            out.append(v.getLong(i));
        } else if (t instanceof FloatType) {
            out.append(v.getFloat(i));
        } else if (t instanceof DoubleType) {
            out.append(v.getDouble(i));
        } else if (t instanceof StringType) {
            out.append('"').append(v.getString(i)).append('"');
        } else if (t instanceof BinaryType) {
            out.append(java.util.HexFormat.of().formatHex(v.getBinary(i)));
        } else if (t instanceof DecimalType) {
            out.append(v.getDecimal(i).toPlainString());
        } else if (t instanceof StructType s) {
            out.append('{');
            for (int c = 0; c < s.length(); c++) {
                render(v.getChild(c), i, s.at(c).getDataType(), out.append(s.at(c).getName()).append(':'));
                out.append(',');
            }
            out.append('}');
        } else if (t instanceof ArrayType a) {
            var array = v.getArray(i);
            out.append('[');
            for (int e = 0; e < array.getSize(); e++) {
                render(array.getElements(), e, a.getElementType(), out);
                out.append(',');
            }
            out.append(']');
        } else if (t instanceof MapType m) {
            var map = v.getMap(i);
            out.append('{');
            for (int e = 0; e < map.getSize(); e++) {
                render(map.getKeys(), e, m.getKeyType(), out);
                out.append("->");
                render(map.getValues(), e, m.getValueType(), out);
                out.append(',');
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("type the oracle cannot render: " + t);
        }
    }

    private static Map<String, String> logicalNames(StructType schema) {
        Map<String, String> out = new HashMap<>();
        for (StructField f : schema.fields()) {
            Object physical = f.getMetadata().get("delta.columnMapping.physicalName");
            if (physical != null) {
                out.put(physical.toString(), f.getName());
            }
        }
        return out;
    }
}
