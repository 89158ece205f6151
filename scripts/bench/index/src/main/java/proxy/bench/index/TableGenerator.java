package proxy.bench.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Generates the synthetic Delta table of the index-scale benchmark: version 0 (protocol, metaData), JSON commits of
 * {@code filesPerCommit} adds up to the checkpoint version, a classic Parquet checkpoint written by Delta Kernel
 * ({@code Snapshot.writeCheckpoint}), then {@code tailCommits} small JSON commits. Commits older than the
 * checkpoint are then deleted, as Delta's log cleanup does once they pass the log retention; the commit at the
 * checkpoint version stays (cleanup keeps it). {@code --keep-old-commits} keeps them all instead.
 *
 * <p>Only the log is written: the data files do not exist (the index and a Kernel scan read only the log).
 * Writes {@code _bench_generator.json} (outside the log) describing what was generated.
 *
 * <p>Usage: {@code TableGenerator --out DIR [--keep-old-commits] [--shape standard|commits]}; DIR must not exist
 * or be empty. {@code commits} is {@link TableShape#manyCommits()} (the filtered-log benchmark's LIST table).
 */
public final class TableGenerator {
    static final String MANIFEST = "_bench_generator.json";

    private TableGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        boolean keepOld = false;
        TableShape shape = TableShape.standard();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--keep-old-commits" -> keepOld = true;
                case "--shape" -> shape = switch (args[++i]) {
                    case "standard" -> TableShape.standard();
                    case "commits" -> TableShape.manyCommits();
                    default -> throw new IllegalArgumentException("unknown shape " + args[i]);
                };
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            out = Files.createTempDirectory("delta-index-bench-");
        }
        generate(out.toAbsolutePath(), shape, keepOld);
    }

    static void generate(Path table, TableShape shape, boolean keepOld) throws IOException {
        Files.createDirectories(table);
        try (Stream<Path> existing = Files.list(table)) {
            if (existing.findAny().isPresent()) {
                throw new IOException("output directory is not empty: " + table);
            }
        }
        long start = System.nanoTime();
        CommitWriter writer = new CommitWriter(table, 1_735_689_600_000L);
        Random random = new Random(20250101L);
        writer.writeCreate();
        long checkpointVersion = shape.checkpointVersion();
        for (long v = 1; v <= checkpointVersion; v++) {
            int from = (int) ((v - 1) * shape.filesPerCommit());
            writer.writeAdds(v, shape, from, from + shape.filesPerCommit(), random);
        }
        long commitsDone = System.nanoTime();
        Engine engine = DefaultEngine.create(new Configuration());
        TableManager.loadSnapshot(table.toString()).atVersion(checkpointVersion).build(engine).writeCheckpoint(engine);
        long checkpointDone = System.nanoTime();
        int deleted = keepOld ? 0 : deleteCommitsBefore(table, checkpointVersion);
        for (int t = 0; t < shape.tailCommits(); t++) {
            int from = shape.checkpointFiles() + t * shape.filesPerTail();
            writer.writeAdds(checkpointVersion + 1 + t, shape, from, from + shape.filesPerTail(), random);
        }
        long end = System.nanoTime();
        Map<String, Object> manifest = manifest(table, shape, keepOld, deleted);
        manifest.put("secondsJsonCommits", seconds(commitsDone - start));
        manifest.put("secondsKernelCheckpoint", seconds(checkpointDone - commitsDone));
        manifest.put("secondsTotal", seconds(end - start));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(table.resolve(MANIFEST).toFile(), manifest);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    }

    private static Map<String, Object> manifest(Path table, TableShape shape, boolean keepOld, int deleted)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table.toString());
        m.put("dataFiles", shape.files());
        m.put("partitions", shape.dates() * shape.mics());
        m.put("partitionColumns", "date (" + shape.dates() + " values) x MIC (" + shape.mics() + " values)");
        m.put("checkpointVersion", shape.checkpointVersion());
        m.put("filesInCheckpoint", shape.checkpointFiles());
        m.put("lastVersion", shape.lastVersion());
        m.put("commitsAfterCheckpoint", shape.tailCommits());
        m.put("filesAfterCheckpoint", shape.tailCommits() * shape.filesPerTail());
        m.put("olderCommitsDeleted", deleted);
        m.put("keepOldCommits", keepOld);
        m.put("dataFilesExist", false);
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path f : files.sorted().toList()) {
                String kind = f.getFileName().toString().contains("checkpoint") ? "checkpointBytes" : "jsonBytes";
                sizes.merge(kind, Files.size(f), Long::sum);
            }
        }
        m.putAll(sizes);
        return m;
    }

    private static int deleteCommitsBefore(Path table, long version) throws IOException {
        int deleted = 0;
        for (long v = 0; v < version; v++) {
            deleted += Files.deleteIfExists(table.resolve("_delta_log").resolve(CommitWriter.commitName(v))) ? 1 : 0;
        }
        return deleted;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
