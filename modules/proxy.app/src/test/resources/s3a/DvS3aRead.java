import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Run by DeletionVectorRangesEndToEndTest#realS3aReaders (opt-in) on a JDK 17 with scripts/e2e/spark-job's class
 * path (Spark 3.5.3, delta-spark 3.3.0, Delta Kernel 3.3.0, hadoop-aws 3.3.4): reads a table through the proxy with
 * Hadoop S3A, once with Delta Kernel's default engine and once with Spark, and prints the sorted rows
 * ("KERNEL [id=..;partCol=..;, ...]" / "SPARK [...]", as KernelRows renders them), or the failure.
 * Arguments: endpoint access-key secret-key table-uri [spark]
 */
public class DvS3aRead {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", args[0]);
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.set("fs.s3a.path.style.access", "true");
        conf.set("fs.s3a.connection.ssl.enabled", "false");
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", args[1]);
        conf.set("fs.s3a.secret.key", args[2]);
        try {
            System.out.println("KERNEL " + kernelRows(DefaultEngine.create(conf), args[3]));
        } catch (Exception e) {
            System.out.println("KERNEL failed: " + e);
            e.printStackTrace(System.out);
        }
        if (args.length > 4) {
            try {
                System.out.println("SPARK " + sparkRows(args));
            } catch (Exception e) {
                System.out.println("SPARK failed: " + e);
                e.printStackTrace(System.out);
            }
        }
    }

    static List<String> sparkRows(String[] args) {
        var builder = org.apache.spark.sql.SparkSession.builder().master("local[1]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.hadoop.fs.s3a.endpoint", args[0])
                .config("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
                .config("spark.hadoop.fs.s3a.path.style.access", "true")
                .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
                .config("spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
                .config("spark.hadoop.fs.s3a.access.key", args[1])
                .config("spark.hadoop.fs.s3a.secret.key", args[2]);
        try (var spark = builder.getOrCreate()) {
            List<String> rows = new ArrayList<>();
            for (var row : spark.read().format("delta").load(args[3]).collectAsList()) {
                StringBuilder out = new StringBuilder();
                for (String name : row.schema().fieldNames()) {
                    out.append(name).append('=').append((Object) row.getAs(name)).append(';');
                }
                rows.add(out.toString());
            }
            rows.sort(null);
            return rows;
        }
    }

    static List<String> kernelRows(Engine engine, String table) throws Exception {
        Snapshot snapshot = Table.forPath(engine, table).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder(engine).build();
        Row state = scan.getScanState(engine);
        StructType schema = ScanStateRow.getPhysicalDataReadSchema(engine, state);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
                    while (scanFiles.hasNext()) {
                        Row file = scanFiles.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
                        var physical = engine.getParquetHandler().readParquetFiles(
                                io.delta.kernel.internal.util.Utils.singletonCloseableIterator(status), schema,
                                Optional.empty());
                        try (var logical = Scan.transformPhysicalData(engine, state, file, physical)) {
                            while (logical.hasNext()) {
                                add(logical.next(), rows);
                            }
                        }
                    }
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    private static void add(FilteredColumnarBatch batch, List<String> rows) {
        ColumnarBatch data = batch.getData();
        Optional<ColumnVector> selection = batch.getSelectionVector();
        for (int r = 0; r < data.getSize(); r++) {
            if (selection.isPresent() && (selection.get().isNullAt(r) || !selection.get().getBoolean(r))) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            for (int c = 0; c < data.getSchema().length(); c++) {
                ColumnVector v = data.getColumnVector(c);
                out.append(data.getSchema().at(c).getName()).append('=')
                        .append(v.isNullAt(r) ? "null" : String.valueOf(v.getInt(r))).append(';');
            }
            rows.add(out.toString());
        }
    }
}
