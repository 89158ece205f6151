package proxy.delta.filtered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.delta.log.ColumnMapping;

/**
 * A checkpoint larger than the heap (~115 MB, 4 MiB row groups) is filtered in a JVM with a 64 MiB heap: rows are
 * streamed, at most one upstream row group and one output row group are held, never the whole
 * checkpoint. Prints the size and time for the record.
 */
class CheckpointStreamingTest {
    static final int ROWS = 500_000;
    static final int PARTITIONS = 100;
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message spark_schema {"
            + " optional group add { optional binary path (STRING);"
            + "  optional group partitionValues (MAP) { repeated group key_value {"
            + "   required binary key (STRING); optional binary value (STRING); } }"
            + "  optional int64 size; optional int64 modificationTime; optional boolean dataChange;"
            + "  optional binary stats (STRING); }"
            + " optional group protocol { optional int32 minReaderVersion; optional int32 minWriterVersion; } }");

    @TempDir
    Path temp;

    @Test
    void aCheckpointLargerThanTheHeapIsFilteredInSmallMemory() throws Exception {
        Path log = Files.createDirectories(temp.resolve("_delta_log"));
        String name = LogView.checkpointName(9);
        write(log.resolve(name));
        Path out = temp.resolve("filtered.parquet");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), log.toString(), name, out.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("fork.log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "forked JVM finished");
        String report = Files.readString(temp.resolve("fork.log"));
        assertEquals(0, p.exitValue(), report);
        System.out.println("upstream checkpoint " + Files.size(log.resolve(name)) + " bytes, " + ROWS + " rows: "
                + report.strip());
        assertTrue(report.contains("actions=" + (ROWS / PARTITIONS + 1) + " "), report);
    }

    private static void write(Path file) throws IOException {
        SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
        String stats = "{\"numRecords\":1000,\"minValues\":{\"price\":1.5,\"symbol\":\"AAAAAAAAAAAA\"},"
                + "\"maxValues\":{\"price\":99.5,\"symbol\":\"ZZZZZZZZZZZZ\"},\"nullCount\":{\"price\":0,\"symbol\":0}}";
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
                .withRowGroupSize(4L << 20).build()) {
            Group protocol = rows.newGroup();
            protocol.addGroup("protocol").append("minReaderVersion", 1).append("minWriterVersion", 2);
            writer.write(protocol);
            for (int i = 0; i < ROWS; i++) {
                Group row = rows.newGroup();
                Group add = row.addGroup("add");
                String region = "R" + (i % PARTITIONS);
                add.append("path", "region=" + region + "/part-" + i + "-" + Integer.toHexString(i * 31 + 7)
                        + "-c000.snappy.parquet");
                add.addGroup("partitionValues").addGroup("key_value").append("key", "region").append("value", region);
                add.append("size", 1000L + i).append("modificationTime", 1_700_000_000_000L + i)
                        .append("dataChange", true).append("stats", stats.replace("1000", Integer.toString(i)));
                writer.write(row);
            }
        }
    }

    /** The sum of the peak usage of the heap's memory pools (an upper bound of the peak heap). */
    static long peakHeap() {
        long sum = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Filters one checkpoint for the grant {@code region = R7} (or every other region with a fourth argument
     * {@code all-but-R7}); prints the figures. Args: log dir, name, output.
     */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws Exception {
            Path log = Path.of(args[0]);
            Path spill = Files.createTempDirectory("spill");
            var r7 = GrantSet.of("R7", Map.of("region", "R7")).predicate();
            FilteredLog engine = new FilteredLog(new FileFilter(ColumnMapping.none(),
                    args.length > 3 && args[3].equals("all-but-R7") ? r7.negate() : r7), spill);
            long start = System.nanoTime();
            FilteredCheckpoint cp;
            try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
                cp = engine.checkpoint(java.util.List.of(args[1]), n -> Files.newInputStream(log.resolve(n)), out);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            Runtime rt = Runtime.getRuntime();
            System.out.println("actions=" + cp.actions() + " adds=" + cp.addFiles() + " bytes=" + cp.sizeInBytes()
                    + " ms=" + ms + " maxHeap=" + (rt.maxMemory() >> 20) + "MiB peakHeapPools=" + (peakHeap() >> 20)
                    + "MiB leftInSpill="
                    + Set.of(spill.toFile().list()).size());
        }
    }
}
