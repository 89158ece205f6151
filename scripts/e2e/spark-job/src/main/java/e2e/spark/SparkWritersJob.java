package e2e.spark;

import static e2e.spark.WriterPlan.TABLE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One JVM of the two-writer run of {@code scripts/e2e/spark} (modes {@code writers-file}, {@code writers-s3}): Spark
 * writes a new Delta table {@code orders} through a writable proxy. Roles, run by the script in this order:
 * <ul>
 *   <li>{@code create}: a whole-table writer creates the table (partitioned by MIC, deletion vectors on,
 *       {@code delta.checkpointInterval} 3) and inserts the first rows of three partitions; its checkpoint at
 *       version 3 is accepted.</li>
 *   <li>{@code writer MIC OTHER}: a writer granted MIC only runs {@link WriterPlan}'s sequence (appends,
 *       {@code replaceWhere}, DELETE with deletion vectors, OPTIMIZE), while the other partition's writer runs its own
 *       in another JVM; in between it tries to append to and replace OTHER, which must fail with 403
 *       AccessDenied. A commit that loses the race for a version (412 PreconditionFailed from the proxy's
 *       put-if-absent) is retried by the job, counted and reported. Finally it reads its own (filtered) view.</li>
 *   <li>{@code verify MIC MIC}: the whole-table principal reads the final table (Spark and Delta Kernel), which must
 *       equal the union of what each writer wrote, checks that the history has every commit (versions contiguous,
 *       counted per writer by {@code userMetadata}) and lists the checkpoints.</li>
 * </ul>
 * Arguments: {@code ROLE MODE SPARK_DEFAULTS [MIC OTHER]}; output as {@link SparkDeltaJob}'s ({@code RESULT} lines).
 */
public final class SparkWritersJob {
    private static final int MAX_RETRIES = 5;

    private final SparkSession spark;
    private final WriterChecks checks;
    private String other; // the other partition writer's MIC (writer role)

    private SparkWritersJob(String mode, SparkSession spark) {
        this.spark = spark;
        this.checks = new WriterChecks(mode);
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: SparkWritersJob create|writer|verify MODE SPARK_DEFAULTS [MIC OTHER]");
            System.exit(2);
        }
        Map<String, Object> guide = SparkDeltaJob.guideSettings(Path.of(args[2]));
        SparkSession spark = SparkDeltaJob.session(guide);
        int failed;
        try {
            SparkWritersJob job = new SparkWritersJob(args[1], spark);
            switch (args[0]) {
                case "create" -> job.create();
                case "writer" -> job.write(args[3], args[4]);
                case "verify" -> job.verify(List.of(args[3], args[4]), new KernelRead(guide));
                default -> throw new IllegalArgumentException("unknown role " + args[0]);
            }
            failed = job.checks.failures();
        } finally {
            spark.stop();
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private void create() {
        spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", "creator");
        checks.run("create-table", () -> {
            spark.sql("CREATE TABLE delta.`" + TABLE + "` (id BIGINT, MIC STRING, writer STRING, qty INT)"
                    + " USING delta PARTITIONED BY (MIC) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true',"
                    + " 'delta.checkpointInterval' = '3')");
            return "version " + latestVersion();
        });
        for (String mic : WriterPlan.CREATED_PARTITIONS) {
            checks.run("insert-" + mic, () -> {
                append(WriterPlan.initial(mic), 1);
                return "version " + latestVersion();
            });
        }
        checks.run("creator-checkpoint", () -> {
            List<Long> versions = checkpointVersions();
            if (!versions.contains(3L)) {
                throw new WriterChecks.Failed("no checkpoint at version 3: " + versions);
            }
            return "checkpoints at versions " + versions + " (whole-table writer: accepted)";
        });
    }

    private void write(String mic, String other) {
        this.other = other;
        String me = WriterPlan.writerName(mic);
        spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", me);
        step(mic + ":append-a", () -> append(WriterPlan.rows(WriterPlan.APPEND_A, mic, me), 1));
        step(mic + ":append-b", () -> append(WriterPlan.rows(WriterPlan.APPEND_B, mic, me), 1));
        checks.run(mic + ":refused-append-" + other, () -> refused(() ->
                append(WriterPlan.rows(new long[] {901, 901}, other, me), 1)));
        checks.run(mic + ":refused-replace-" + other, () -> refused(() ->
                replace(other, WriterPlan.rows(new long[] {902, 903}, other, me))));
        step(mic + ":replace-where", () -> replace(mic, WriterPlan.rows(WriterPlan.REPLACED, mic, me)));
        step(mic + ":append-c", () -> append(WriterPlan.rows(WriterPlan.APPEND_C, mic, me), 1));
        step(mic + ":delete-dv", () -> spark.sql("DELETE FROM delta.`" + TABLE + "` WHERE MIC = '" + mic
                + "' AND " + WriterPlan.DELETED).collectAsList());
        step(mic + ":optimize", () -> spark.sql("OPTIMIZE delta.`" + TABLE + "` WHERE MIC = '" + mic + "'")
                .collectAsList());
        checks.run(mic + ":partial-view", () -> checks.sameRows(table(), WriterPlan.finalRows(mic)));
        checks.run(mic + ":commit-412", this::existingVersionRefused);
    }

    /**
     * What S3A reports when the proxy refuses a commit whose version exists (412, the loser of a race): a commit
     * file of version 1 written straight through the Hadoop file system, as Delta's S3 log store writes one.
     */
    private String existingVersionRefused() throws IOException {
        var commit = new org.apache.hadoop.fs.Path(TABLE + "_delta_log/00000000000000000001.json");
        FileSystem fs = commit.getFileSystem(spark.sessionState().newHadoopConf());
        try (var out = fs.create(commit, true)) {
            out.write("{\"commitInfo\":{}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (WriterChecks.preconditionFailed(e) == null) {
                throw new WriterChecks.Failed("refused, but not with 412: " + SparkDeltaJob.oneLine(e));
            }
            String text = SparkDeltaJob.oneLine(e);
            return "refused: " + text.substring(0, Math.min(600, text.length()));
        }
        throw new WriterChecks.Failed("an existing commit was overwritten");
    }

    /**
     * Waits (at most two minutes) until the other writer reached the same step, so that both commit at about the
     * same moment and race for versions. Without {@code E2E_BARRIER_DIR} it does not wait.
     */
    private static void barrier(String step, String mic, String other) {
        String dir = System.getenv("E2E_BARRIER_DIR");
        if (dir == null) {
            return;
        }
        try {
            Path mine = Path.of(dir, step + "." + mic);
            java.nio.file.Files.createDirectories(mine.getParent());
            java.nio.file.Files.writeString(mine, "");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!java.nio.file.Files.exists(Path.of(dir, step + "." + other)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void verify(List<String> writers, KernelRead kernel) {
        List<Row> expected = WriterPlan.finalTable(writers);
        checks.run("union", () -> checks.sameRows(table(), expected));
        checks.run("history", () -> history(writers));
        for (String mic : writers) {
            checks.run(mic + ":deletion-vectors", () -> deletionVectors(WriterPlan.writerName(mic)));
        }
        checks.run("checkpoints", () -> "checkpoints at versions " + checkpointVersions()
                + " (partial writers' refused), latest version " + latestVersion());
        checks.run("kernel-union", () -> {
            List<String> rows = new ArrayList<>();
            for (String mic : WriterPlan.CREATED_PARTITIONS) {
                rows.addAll(kernel.rows(TABLE, "MIC", mic));
            }
            rows.sort(null);
            if (!rows.equals(WriterPlan.rendered(expected))) {
                throw new WriterChecks.Failed("Kernel rows differ: " + rows.size() + " " + SparkDeltaJob.head(rows)
                        + ", expected " + expected.size());
            }
            return rows.size() + " rows, equal to the union (Delta Kernel, deletion vectors applied)";
        });
    }

    /**
     * Runs a commit-making operation once the other writer is ready for its same step, retrying it when the proxy
     * answered 412 to the commit and the partition does not yet hold the step's rows (a lost race: nothing was
     * committed). When it does hold them, the commit had landed and S3A's resend of the PUT got the 412: not retried
     * (an append would be duplicated). OPTIMIZE changes no rows, so it is always retried (it is idempotent).
     */
    private void step(String name, Runnable operation) {
        String[] parts = name.split(":");
        barrier(parts[1], parts[0], other);
        checks.run(name, () -> {
            List<String> conflicts = new ArrayList<>();
            while (true) {
                try {
                    operation.run();
                    return conflicts.isEmpty() ? "committed" : "committed after " + conflicts.size()
                            + " retries on 412, first: " + conflicts.get(0);
                } catch (Exception e) { // SparkException is checked, but Scala throws it undeclared
                    Throwable lost = WriterChecks.preconditionFailed(e);
                    if (lost == null || conflicts.size() >= MAX_RETRIES) {
                        throw e;
                    }
                    String text = SparkDeltaJob.oneLine(lost);
                    if (!parts[1].equals("optimize") && WriterPlan.rendered(WriterPlan.rowsAfter(parts[1], parts[0]))
                            .equals(SparkDeltaJob.sortedRows(table().where("MIC = '" + parts[0] + "'")))) {
                        // The commit landed and a resend of its PUT got the 412: running it again would repeat it.
                        return "committed, but Spark reported a 412 for it (its PUT was resent after it landed): "
                                + text.substring(0, Math.min(400, text.length()));
                    }
                    conflicts.add(text.substring(0, Math.min(400, text.length())));
                    System.err.println("E2E-RETRY " + name + " after a lost commit race: " + SparkDeltaJob.oneLine(e));
                }
            }
        });
    }

    /** The write must fail with the proxy's 403 AccessDenied; returns the error the user sees. */
    private static String refused(Runnable write) {
        try {
            write.run();
        } catch (Exception e) { // SparkException is checked, but Scala throws it undeclared
            Throwable denied = SparkDeltaJob.accessDenied(e);
            if (denied == null) {
                throw new WriterChecks.Failed("failed, but not with 403/AccessDenied: "
                        + SparkDeltaJob.oneLine(SparkDeltaJob.rootCause(e)));
            }
            System.err.println("E2E-REFUSED " + SparkDeltaJob.oneLine(e));
            String text = SparkDeltaJob.oneLine(denied);
            return "refused: " + text.substring(0, Math.min(text.length(), 600));
        }
        throw new WriterChecks.Failed("a write to another partition succeeded");
    }

    private void append(List<Row> rows, int files) {
        spark.createDataFrame(rows, WriterPlan.SCHEMA).repartition(files).write().format("delta").mode("append")
                .save(TABLE);
    }

    private void replace(String mic, List<Row> rows) {
        spark.createDataFrame(rows, WriterPlan.SCHEMA).repartition(3).write().format("delta").mode("overwrite")
                .option("replaceWhere", "MIC = '" + mic + "'").save(TABLE);
    }

    private Dataset<Row> table() {
        return spark.read().format("delta").load(TABLE);
    }

    private long latestVersion() {
        return DeltaTable.forPath(spark, TABLE).history(1).select("version").first().getLong(0);
    }

    /**
     * The writer's DELETE wrote deletion vectors (its history entry's operation metrics, which only an unfiltered
     * log keeps: the filtered log reduces {@code commitInfo} to what readers need).
     */
    private String deletionVectors(String me) {
        List<Row> deletes = DeltaTable.forPath(spark, TABLE).history()
                .where("operation = 'DELETE' AND userMetadata = '" + me + "'")
                .select("version", "operationMetrics").collectAsList();
        if (deletes.size() != 1) {
            throw new WriterChecks.Failed(deletes.size() + " DELETE commits by " + me);
        }
        Map<String, String> metrics = deletes.get(0).getJavaMap(1);
        String added = metrics.getOrDefault("numDeletionVectorsAdded", "0");
        if (Long.parseLong(added) == 0) {
            throw new WriterChecks.Failed("DELETE wrote no deletion vector: " + metrics);
        }
        return "version " + deletes.get(0).getLong(0) + ": " + added + " deletion vectors added, "
                + metrics.getOrDefault("numDeletedRows", "?") + " rows deleted";
    }

    /** Versions 0..N without a gap, and each writer's commits counted by the name it signed them with. */
    private String history(List<String> writers) {
        List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + TABLE + "`")
                .select("version", "operation", "userMetadata").orderBy("version").collectAsList();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).getLong(0) != i) {
                throw new WriterChecks.Failed("versions are not contiguous at " + i + ": " + history.get(i));
            }
        }
        Map<String, Long> byWriter = history.stream().collect(Collectors.groupingBy(
                r -> String.valueOf(r.getString(2)), TreeMap::new, Collectors.counting()));
        Map<String, Long> expected = new TreeMap<>(Map.of("creator", (long) WriterPlan.CREATOR_COMMITS));
        writers.forEach(mic -> expected.put(WriterPlan.writerName(mic), (long) WriterPlan.WRITER_COMMITS));
        if (!byWriter.equals(expected)) {
            throw new WriterChecks.Failed("commits per writer " + byWriter + ", expected " + expected + "; "
                    + history.stream().map(r -> r.getLong(0) + ":" + r.getString(1) + ":" + r.getString(2))
                            .collect(Collectors.joining(" ")));
        }
        return history.size() + " commits, versions 0.." + (history.size() - 1) + " contiguous, per writer "
                + byWriter + "; " + history.stream().map(r -> r.getLong(0) + ":" + r.getString(1))
                        .collect(Collectors.joining(" "));
    }

    /** The versions of the checkpoints in the log, as the principal lists it through the proxy. */
    private List<Long> checkpointVersions() {
        try {
            var logDir = new org.apache.hadoop.fs.Path(TABLE + "_delta_log");
            FileSystem fs = logDir.getFileSystem(spark.sessionState().newHadoopConf());
            return Arrays.stream(fs.listStatus(logDir)).map(FileStatus::getPath).map(p -> p.getName())
                    .filter(n -> n.contains(".checkpoint"))
                    .map(n -> Long.parseLong(n.substring(0, n.indexOf('.')))).distinct().sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checks' bookkeeping, as {@link SparkDeltaJob#check} prints them. */
    static final class WriterChecks {
        private final String mode;
        private int failures;

        WriterChecks(String mode) {
            this.mode = mode;
        }

        int failures() {
            return failures;
        }

        void run(String name, Callable<String> body) {
            long start = System.nanoTime();
            String status = "FAIL";
            String detail;
            try {
                detail = body.call();
                status = "PASS";
            } catch (Failed e) {
                detail = e.getMessage();
            } catch (Exception e) {
                detail = "error: " + SparkDeltaJob.oneLine(e) + " / root cause: "
                        + SparkDeltaJob.oneLine(SparkDeltaJob.rootCause(e));
                e.printStackTrace();
            }
            if (!status.equals("PASS")) {
                failures++;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println(String.join("\t", "RESULT", status, mode, name,
                    detail.replaceAll("\\s+", " ") + " (" + millis + " ms)"));
            System.out.flush();
        }

        String sameRows(Dataset<Row> actual, List<Row> expected) {
            List<String> got = SparkDeltaJob.sortedRows(actual);
            List<String> want = WriterPlan.rendered(expected);
            if (!got.equals(want)) {
                List<String> missing = new ArrayList<>(want);
                missing.removeAll(got);
                List<String> extra = new ArrayList<>(got);
                for (String row : want) {
                    extra.remove(row); // one occurrence each, so a duplicate stays
                }
                throw new Failed("rows differ: read " + got.size() + ", expected " + want.size() + "; missing "
                        + SparkDeltaJob.head(missing) + "; unexpected or duplicated " + SparkDeltaJob.head(extra));
            }
            return got.size() + " rows, equal to the expected rows, no duplicate";
        }

        /** A 412 / PreconditionFailed in the cause chain (the proxy refused a commit whose version exists), or null. */
        static Throwable preconditionFailed(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
                String text = String.valueOf(t.getMessage());
                if (text.contains("412") || text.contains("PreconditionFailed") || text.contains("Precondition")) {
                    return t;
                }
            }
            return null;
        }

        /** A check's expectation was not met. */
        static final class Failed extends RuntimeException {
            Failed(String message) {
                super(message);
            }
        }
    }
}
