package e2e.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A real Spark VACUUM through the proxy by a partial writer: the user may write {@code history} region=EU only.
 * Run by {@code scripts/e2e/spark-vacuum} against a proxy serving a writable copy of the fixture table on the
 * {@code file} store. {@code VACUUM ... RETAIN 0 HOURS} must delete exactly the EU files the table removed (found by
 * replaying the copy's commits here, independently of the proxy) and leave every other file of the table as it was
 * (other regions' removed files included); the table then still reads as its live EU rows.
 *
 * <p>Arguments: {@code MODE SPARK_DEFAULTS LOCAL_TABLE_DIR} (the copy the proxy serves). Prints
 * {@code RESULT<TAB>PASS|FAIL<TAB>MODE<TAB>CHECK<TAB>DETAIL} lines; exits 0 when every check passed.
 */
public final class SparkVacuumJob {
    private static final String TABLE = "s3a://datalake/history/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mode;
    private final SparkSession spark;
    private final Path local;
    private int failures;

    private SparkVacuumJob(String mode, SparkSession spark, Path local) {
        this.mode = mode;
        this.spark = spark;
        this.local = local;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SparkVacuumJob MODE SPARK_DEFAULTS LOCAL_TABLE_DIR");
            System.exit(2);
        }
        SparkSession spark = SparkDeltaJob.session(SparkDeltaJob.guideSettings(Path.of(args[1])));
        // VACUUM RETAIN 0 HOURS: the removed files are deleted at once, which Delta refuses unless told.
        spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        int failed;
        try {
            var job = new SparkVacuumJob(args[0], spark, Path.of(args[2]));
            job.run();
            failed = job.failures;
        } finally {
            spark.stop();
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private void run() {
        Map<String, Boolean> eu = dataFiles("EU");
        Set<String> before = files();
        Set<String> removedEu = eu.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        check("vacuum-runs", () -> {
            spark.sql("VACUUM delta.`" + TABLE + "` RETAIN 0 HOURS").collectAsList();
            return "VACUUM RETAIN 0 HOURS finished";
        });
        check("deleted-exactly-eu-removed", () -> {
            Set<String> after = files();
            Set<String> deleted = new TreeSet<>(before);
            deleted.removeAll(after);
            if (removedEu.isEmpty() || !deleted.equals(removedEu)) {
                throw new IllegalStateException("deleted " + deleted + ", expected " + removedEu);
            }
            Set<String> added = new TreeSet<>(after);
            added.removeAll(before);
            if (added.stream().anyMatch(k -> !k.startsWith("_delta_log/"))) {
                throw new IllegalStateException("new data objects " + added);
            }
            return deleted.size() + " files deleted; other regions' removed files kept; new log objects " + added;
        });
        check("table-still-reads", () -> {
            long rows = spark.read().format("delta").load(TABLE).count();
            long expected = 2L * eu.values().stream().filter(v -> v).count();
            if (rows != expected) {
                throw new IllegalStateException(rows + " rows, expected " + expected);
            }
            return rows + " rows";
        });
    }

    /** Every object of the local copy, relative to its root. */
    private Set<String> files() {
        try (Stream<Path> walk = Files.walk(local)) {
            return walk.filter(Files::isRegularFile).map(p -> local.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The region's data files by replaying the copy's commits (before VACUUM): key to whether live. */
    private Map<String, Boolean> dataFiles(String region) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (Stream<Path> commits = Files.list(local.resolve("_delta_log"))) {
            for (Path commit : commits.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted()
                    .toList()) {
                for (String line : Files.readAllLines(commit)) {
                    JsonNode action = JSON.readTree(line);
                    for (String type : List.of("add", "remove")) {
                        JsonNode file = action.get(type);
                        if (file != null && region.equals(file.path("partitionValues").path("region").asText())) {
                            out.put(file.get("path").asText(), type.equals("add"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void check(String name, Callable<String> body) {
        String status;
        String detail;
        try {
            detail = body.call();
            status = "PASS";
        } catch (Exception e) {
            failures++;
            status = "FAIL";
            detail = String.valueOf(e).replace('\t', ' ').replace('\n', ' ');
            e.printStackTrace();
        }
        System.out.println("RESULT\t" + status + "\t" + mode + "\t" + name + "\t" + detail);
    }
}
