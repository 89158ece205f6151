package e2e.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the fixture {@code trades} Delta table through the proxy with Spark + delta-spark + S3A, and compares it with
 * the same table read from disk. Run by {@code scripts/e2e/spark}, once per proxy mode.
 *
 * <p>Arguments: {@code MODE ENDPOINT ACCESS_KEY SECRET_KEY LOCAL_TABLE_DIR}. Each check prints one line
 * {@code RESULT<TAB>PASS|FAIL<TAB>MODE<TAB>CHECK<TAB>DETAIL} on standard output; the script builds its table from
 * those lines. The exit status is 0 when every check passed.
 *
 * <p>The user is granted {@code trades} MIC=XLON only, so: the XLON partition must read exactly as on disk, while
 * a query on MIC=XETR (partition pruning: Spark opens only XETR files) and an unfiltered read (it opens files of
 * every partition) must fail with S3's 403 AccessDenied.
 */
public final class SparkDeltaJob {

    private static final String TABLE = "s3a://datalake/trades/";

    private final String mode;
    private final SparkSession spark;
    private final String localTable;
    private final List<String> failures = new ArrayList<>();

    private SparkDeltaJob(String mode, SparkSession spark, String localTable) {
        this.mode = mode;
        this.spark = spark;
        this.localTable = localTable;
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: SparkDeltaJob MODE ENDPOINT ACCESS_KEY SECRET_KEY LOCAL_TABLE_DIR");
            System.exit(2);
        }
        SparkSession spark = session(args[1], args[2], args[3]);
        int failed;
        try {
            SparkDeltaJob job = new SparkDeltaJob(args[0], spark, "file:" + args[4]);
            job.run();
            failed = job.failures.size();
        } finally {
            spark.stop();
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** A local[2] session with the Delta extensions and S3A pointed at the proxy (or its local-proxy helper). */
    private static SparkSession session(String endpoint, String accessKey, String secretKey) {
        return SparkSession.builder()
                .appName("delta-s3-proxy-e2e")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                // Delta rebuilds a snapshot's state in 50 partitions by default: minutes of tiny tasks on 2 cores.
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.hadoop.fs.s3a.endpoint", endpoint)
                .config("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
                .config("spark.hadoop.fs.s3a.path.style.access", "true")
                .config("spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https://")))
                .config("spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
                .config("spark.hadoop.fs.s3a.access.key", accessKey)
                .config("spark.hadoop.fs.s3a.secret.key", secretKey)
                // Bounded time: few retries, short timeouts (a 403 is never retried by S3A).
                .config("spark.hadoop.fs.s3a.attempts.maximum", "2")
                .config("spark.hadoop.fs.s3a.retry.limit", "2")
                .config("spark.hadoop.fs.s3a.retry.interval", "200ms")
                .config("spark.hadoop.fs.s3a.connection.establish.timeout", "10000")
                .config("spark.hadoop.fs.s3a.connection.timeout", "30000")
                .config(extraS3aConfig())
                .getOrCreate();
    }

    /** Extra S3A settings from the environment (E2E_S3A_CONF="key=value,key=value"), for workarounds under test. */
    private static Map<String, Object> extraS3aConfig() {
        String extra = System.getenv().getOrDefault("E2E_S3A_CONF", "");
        return Arrays.stream(extra.split(","))
                .map(String::strip)
                .filter(s -> s.contains("="))
                .collect(Collectors.toMap(s -> "spark.hadoop." + s.substring(0, s.indexOf('=')),
                        s -> s.substring(s.indexOf('=') + 1)));
    }

    private void run() {
        check("schema", this::schemaMatches);
        check("granted-xlon", this::grantedPartitionMatches);
        check("forbidden-xetr", () -> refused(spark.read().format("delta").load(TABLE).where("MIC = 'XETR'")));
        check("unfiltered", () -> refused(spark.read().format("delta").load(TABLE)));
    }

    private String schemaMatches() {
        String remote = spark.read().format("delta").load(TABLE).schema().simpleString();
        String local = spark.read().format("delta").load(localTable).schema().simpleString();
        if (!remote.equals(local)) {
            throw new CheckFailed("schema differs: proxy " + remote + ", disk " + local);
        }
        return remote;
    }

    private String grantedPartitionMatches() {
        List<String> remote = sortedRows(spark.read().format("delta").load(TABLE).where("MIC = 'XLON'"));
        List<String> local = sortedRows(spark.read().format("delta").load(localTable).where("MIC = 'XLON'"));
        if (local.isEmpty()) {
            throw new CheckFailed("the local table has no MIC=XLON rows");
        }
        if (!remote.equals(local)) {
            List<String> missing = new ArrayList<>(local);
            missing.removeAll(remote);
            List<String> extra = new ArrayList<>(remote);
            extra.removeAll(local);
            throw new CheckFailed("rows differ: proxy " + remote.size() + ", disk " + local.size() + "; missing "
                    + head(missing) + "; unexpected " + head(extra));
        }
        return remote.size() + " rows equal to the local read, e.g. " + remote.get(0);
    }

    /**
     * The query must fail, and the failure must be S3's 403 AccessDenied on a file of a partition that is not
     * granted (S3A's AccessDeniedException, found in the cause chain).
     */
    private String refused(Dataset<Row> query) {
        List<Row> rows;
        try {
            rows = query.collectAsList();
        } catch (Exception e) { // SparkException is checked, but Scala throws it undeclared
            Throwable denied = accessDenied(e);
            if (denied == null) {
                throw new CheckFailed("failed, but not with 403/AccessDenied: " + oneLine(rootCause(e)));
            }
            String text = oneLine(denied);
            if (text.contains("MIC=XLON")) {
                throw new CheckFailed("refused a granted MIC=XLON file: " + text);
            }
            return "refused: " + text.substring(0, Math.min(text.length(), 400));
        }
        throw new CheckFailed("a forbidden read returned " + rows.size() + " rows");
    }

    /** S3A's AccessDeniedException (a 403) in the cause chain, else any cause naming a 403 / AccessDenied, or null. */
    private static Throwable accessDenied(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof java.nio.file.AccessDeniedException && String.valueOf(t.getMessage()).contains("403")) {
                return t;
            }
        }
        for (Throwable t : chain) {
            String text = String.valueOf(t.getMessage());
            if (text.contains("AccessDenied") || text.contains("Status Code: 403")) {
                return t;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(Throwable t) {
        return (t.getClass().getName() + ": " + Objects.toString(t.getMessage(), "")).replaceAll("\\s+", " ");
    }

    private static List<String> sortedRows(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    private static String head(List<String> rows) {
        return rows.stream().limit(3).collect(Collectors.joining(" ", "[", rows.size() > 3 ? " ...]" : "]"));
    }

    private void check(String name, Callable<String> body) {
        long start = System.nanoTime();
        String status;
        String detail;
        try {
            detail = body.call();
            status = "PASS";
        } catch (CheckFailed e) {
            status = "FAIL";
            detail = e.getMessage();
        } catch (Exception e) {
            status = "FAIL";
            detail = "error: " + oneLine(e) + " / root cause: " + oneLine(rootCause(e));
            e.printStackTrace();
        }
        if (status.equals("FAIL")) {
            failures.add(name);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String line = String.join("\t", "RESULT", status, mode, name, detail.replaceAll("\\s+", " ") + " (" + millis
                + " ms)");
        System.out.println(line);
        System.out.flush();
    }

    /** A check's expectation was not met (as opposed to an unexpected error). */
    private static final class CheckFailed extends RuntimeException {
        CheckFailed(String message) {
            super(message);
        }
    }
}
