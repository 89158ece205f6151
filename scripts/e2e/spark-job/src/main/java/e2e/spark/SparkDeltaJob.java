package e2e.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
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
 * <p>Arguments: {@code MODE SPARK_DEFAULTS LOCAL_TABLE_DIR}. {@code SPARK_DEFAULTS} is the README's client-guide
 * {@code spark-defaults.conf} snippet with the test's endpoint and keys filled in: the job connects with exactly the
 * settings the guide gives users, plus settings that only bound the test's time. Each check prints one line
 * {@code RESULT<TAB>PASS|FAIL<TAB>MODE<TAB>CHECK<TAB>DETAIL} on standard output; the script builds its table from
 * those lines. The exit status is 0 when every check passed.
 *
 * <p>The user is granted {@code trades} MIC=XLON only. With {@code deltaLog: filtered} (the default; every mode
 * but {@code *-passthrough}) the table it sees holds only the XLON files: the whole table reads as the XLON rows on
 * disk, at the latest version, with {@code versionAsOf} and {@code timestampAsOf}; its history has every version;
 * a filter prunes to the files it names, and a query on MIC=XETR is empty. With {@code deltaLog: passthrough}
 * (opt-in) the log is the upstream one: the XLON partition reads as on disk, while a query on MIC=XETR (partition
 * pruning: Spark opens only XETR files) and an unfiltered read (it opens files of every partition) fail with S3's
 * 403 AccessDenied.
 */
public final class SparkDeltaJob {

    private static final String TABLE = "s3a://datalake/trades/";

    private final String mode;
    private final SparkSession spark;
    private final String localTable;
    private final KernelRead kernel;
    private final List<String> failures = new ArrayList<>();

    private SparkDeltaJob(String mode, SparkSession spark, String localTable, KernelRead kernel) {
        this.kernel = kernel;
        this.mode = mode;
        this.spark = spark;
        this.localTable = localTable;
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: SparkDeltaJob MODE SPARK_DEFAULTS LOCAL_TABLE_DIR");
            System.exit(2);
        }
        Map<String, Object> guide = guideSettings(Path.of(args[1]));
        SparkSession spark = session(guide);
        int failed;
        try {
            SparkDeltaJob job = new SparkDeltaJob(args[0], spark, "file:" + args[2], new KernelRead(guide));
            job.run();
            failed = job.failures.size();
        } finally {
            spark.stop();
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** The guide's {@code spark-defaults.conf} lines ({@code key value}), as {@link Properties} reads them. */
    static Map<String, Object> guideSettings(Path file) {
        var properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!properties.containsKey("spark.hadoop.fs.s3a.endpoint")) {
            throw new IllegalArgumentException(file + " sets no spark.hadoop.fs.s3a.endpoint");
        }
        return properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, name -> properties.getProperty(name).strip()));
    }

    /** A local[2] session with the guide's settings (S3A pointed at the proxy or its local-proxy helper). */
    static SparkSession session(Map<String, Object> guide) {
        return SparkSession.builder()
                .appName("delta-s3-proxy-e2e")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                // Delta rebuilds a snapshot's state in 50 partitions by default: minutes of tiny tasks on 2 cores.
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config(guide)
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
        if (mode.endsWith("-passthrough")) {
            check("forbidden-xetr", () -> refused(spark.read().format("delta").load(TABLE).where("MIC = 'XETR'")));
            check("unfiltered", () -> refused(spark.read().format("delta").load(TABLE)));
        } else {
            check("whole-table-is-granted-rows", () -> sameRows(spark.read().format("delta").load(TABLE),
                    spark.read().format("delta").load(localTable).where("MIC = 'XLON'")));
            check("forbidden-xetr-empty", () -> sameRows(
                    spark.read().format("delta").load(TABLE).where("MIC = 'XETR'"),
                    spark.read().format("delta").load(localTable).where("MIC = 'XETR'").limit(0)));
            check("version-as-of-1", () -> sameRows(
                    spark.read().format("delta").option("versionAsOf", 1).load(TABLE),
                    spark.read().format("delta").option("versionAsOf", 1).load(localTable).where("MIC = 'XLON'")));
            check("timestamp-as-of", this::timestampAsOfMatches);
            check("describe-history", this::historyMatches);
            check("filter-pruning", this::filterPrunes);
        }
        check("kernel-xlon", this::kernelPartitionMatches);
    }

    /**
     * {@code timestampAsOf} the timestamp the proxied history gives its latest version reads that version's XLON
     * rows (Delta time-travels by commit time: the commit objects' {@code LastModified}, which the filtered log
     * keeps). The fixture's commits share one second of modification time, so an earlier version cannot be told
     * apart by time (see scripts/e2e/README.md).
     */
    private String timestampAsOfMatches() {
        Row latest = spark.sql("DESCRIBE HISTORY delta.`" + TABLE + "`").orderBy(
                org.apache.spark.sql.functions.col("version").desc()).select("version", "timestamp").first();
        long version = latest.getLong(0);
        String timestamp = latest.getTimestamp(1).toString();
        String rows = sameRows(spark.read().format("delta").option("timestampAsOf", timestamp).load(TABLE),
                spark.read().format("delta").option("versionAsOf", version).load(localTable).where("MIC = 'XLON'"));
        return "as of " + timestamp + " (version " + version + "): " + rows;
    }

    /** The proxied history lists every version with the operation of the local one. */
    private String historyMatches() {
        List<String> remote = sortedRows(spark.sql("DESCRIBE HISTORY delta.`" + TABLE + "`")
                .select("version", "operation"));
        List<String> local = sortedRows(spark.sql("DESCRIBE HISTORY delta.`" + localTable + "`")
                .select("version", "operation"));
        if (local.isEmpty() || !remote.equals(local)) {
            throw new CheckFailed("history differs: proxy " + head(remote) + ", disk " + head(local));
        }
        return remote.size() + " versions, operations equal to the local history " + head(remote);
    }

    /**
     * A filter on a granted value plans exactly the files the same filter plans on disk, and the whole table plans
     * only the granted partition's files (the filtered log names no other file).
     */
    private String filterPrunes() {
        List<String> local = tableFiles(spark.read().format("delta").load(localTable).where("MIC = 'XLON'"));
        List<String> filtered = tableFiles(spark.read().format("delta").load(TABLE).where("MIC = 'XLON'"));
        List<String> whole = tableFiles(spark.read().format("delta").load(TABLE));
        if (local.isEmpty() || !filtered.equals(local) || !whole.equals(local)) {
            throw new CheckFailed("files differ: proxy filtered " + head(filtered) + ", proxy whole " + head(whole)
                    + ", disk " + head(local));
        }
        String date = "MIC = 'XLON' AND date = '2024-01-01'";
        List<String> oneDate = tableFiles(spark.read().format("delta").load(TABLE).where(date));
        List<String> localDate = tableFiles(spark.read().format("delta").load(localTable).where(date));
        if (!oneDate.equals(localDate)) {
            throw new CheckFailed("files for " + date + " differ: proxy " + head(oneDate) + ", disk " + head(localDate));
        }
        return local.size() + " XLON files planned (whole table too), " + oneDate.size() + " for one date";
    }

    /** The plan's input files, relative to the table root, sorted. */
    private static List<String> tableFiles(Dataset<Row> query) {
        return Arrays.stream(query.inputFiles()).map(f -> f.substring(f.indexOf("/trades/") + "/trades/".length()))
                .sorted().collect(Collectors.toList());
    }

    /** Delta Kernel's default engine, on the guide's fs.s3a keys, reads the XLON rows that Spark reads from disk. */
    private String kernelPartitionMatches() {
        List<String> remote = kernel.rows(TABLE, "MIC", "XLON").stream().sorted().collect(Collectors.toList());
        List<String> local = sortedRows(spark.read().format("delta").load(localTable).where("MIC = 'XLON'"));
        if (local.isEmpty() || !remote.equals(local)) {
            throw new CheckFailed("Kernel rows differ: proxy " + remote.size() + " " + head(remote) + ", disk "
                    + local.size() + " " + head(local));
        }
        return remote.size() + " rows equal to the local read (Delta Kernel " + KernelRead.class.getSimpleName()
                + " over S3A)";
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

    /** Both queries return the same rows (compared sorted, as strings). */
    private static String sameRows(Dataset<Row> proxied, Dataset<Row> local) {
        List<String> remote = sortedRows(proxied);
        List<String> expected = sortedRows(local);
        if (!remote.equals(expected)) {
            throw new CheckFailed("rows differ: proxy " + remote.size() + " " + head(remote) + ", disk "
                    + expected.size() + " " + head(expected));
        }
        return remote.size() + " rows equal to the local read";
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
    static Throwable accessDenied(Throwable error) {
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

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String oneLine(Throwable t) {
        return (t.getClass().getName() + ": " + Objects.toString(t.getMessage(), "")).replaceAll("\\s+", " ");
    }

    static List<String> sortedRows(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    static String head(List<String> rows) {
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
