package e2e.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a table's partition with Delta Kernel's default engine (Hadoop S3A underneath), configured with the guide's
 * {@code fs.s3a.*} keys: the README's promise that the Spark settings, without their {@code spark.hadoop.} prefix,
 * configure any Hadoop-based reader. Rows come back as strings (every column's value), sorted by the caller.
 */
final class KernelRead {
    private final Engine engine;

    /** @param sparkSettings the guide's spark-defaults entries; the {@code spark.hadoop.*} ones become Hadoop keys */
    KernelRead(Map<String, Object> sparkSettings) {
        Configuration conf = new Configuration();
        sparkSettings.forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                conf.set(key.substring("spark.hadoop.".length()), String.valueOf(value));
            }
        });
        this.engine = DefaultEngine.create(conf);
    }

    /** The rows of {@code table} whose string partition column {@code column} equals {@code value}. */
    List<String> rows(String table, String column, String value) {
        Snapshot snapshot = Table.forPath(engine, table).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder(engine)
                .withFilter(engine, new Predicate("=", new Column(column), Literal.ofString(value)))
                .build();
        Row scanState = scan.getScanState(engine);
        StructType readSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
                    while (scanFiles.hasNext()) {
                        readFile(scanState, scanFiles.next(), readSchema, rows);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private void readFile(Row scanState, Row scanFile, StructType readSchema, List<String> rows) throws IOException {
        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                .readParquetFiles(singleton(file), readSchema, Optional.empty());
        try (CloseableIterator<FilteredColumnarBatch> logical =
                     Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
            while (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                ColumnarBatch data = batch.getData();
                Optional<ColumnVector> selection = batch.getSelectionVector();
                for (int row = 0; row < data.getSize(); row++) {
                    if (selection.isEmpty() || (!selection.get().isNullAt(row) && selection.get().getBoolean(row))) {
                        rows.add(render(data, row));
                    }
                }
            }
        }
    }

    /** The row as {@code [v1,v2,...]} in schema order, as Spark's {@code Row.toString} shows simple types. */
    private static String render(ColumnarBatch data, int row) {
        List<String> values = new ArrayList<>();
        StructType schema = data.getSchema();
        for (int column = 0; column < schema.length(); column++) {
            ColumnVector vector = data.getColumnVector(column);
            values.add(vector.isNullAt(row) ? "null" : String.valueOf(value(vector, row)));
        }
        return "[" + String.join(",", values) + "]";
    }

    private static Object value(ColumnVector vector, int row) {
        return switch (vector.getDataType().toString()) {
            case "string" -> vector.getString(row);
            case "double" -> vector.getDouble(row);
            case "long" -> vector.getLong(row);
            case "integer" -> vector.getInt(row);
            default -> "<" + vector.getDataType() + ">";
        };
    }

    private static CloseableIterator<FileStatus> singleton(FileStatus file) {
        return new CloseableIterator<>() {
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public FileStatus next() {
                done = true;
                return file;
            }

            @Override
            public void close() {
            }
        };
    }
}
