package proxy.delta.filtered;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.delta.PartitionValues;
import proxy.delta.log.ColumnMapping;

/**
 * A checkpoint build asks the grant set once per distinct partition-values map, not once per row (the remembered
 * verdicts of {@link CheckpointRows}), and keeps exactly the rows it would keep asking every time: null values and
 * the start-over after {@link CheckpointRows#REMEMBERED} maps included.
 */
class CheckpointVerdictMemoryTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message spark_schema {"
            + " optional group add { optional binary path (STRING);"
            + "  optional group partitionValues (MAP) { repeated group key_value {"
            + "   required binary key (STRING); optional binary value (STRING); } }"
            + "  optional int64 size; }"
            + " optional group protocol { optional int32 minReaderVersion; optional int32 minWriterVersion; } }");

    @TempDir
    Path temp;

    @Test
    void theGrantSetIsAskedOncePerDistinctPartitionAndTheKeptRowsAreExact() throws Exception {
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            regions.add(i % 5 == 4 ? null : "R" + (i % 30)); // 24 named regions and the null partition, 120 each
        }
        Path log = write(regions);
        AtomicInteger asked = new AtomicInteger();
        Predicate<PartitionValues> evenOrNull = p -> {
            asked.incrementAndGet();
            String r = p.values().get("region");
            return r == null || Integer.parseInt(r.substring(1)) % 2 == 0;
        };
        List<String> kept = filter(log, evenOrNull);

        assertEquals(25, asked.get(), "one question per distinct partition-values map");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            String r = regions.get(i);
            if (r == null || Integer.parseInt(r.substring(1)) % 2 == 0) {
                expected.add(path(i));
            }
        }
        assertEquals(expected, kept);
    }

    @Test
    void afterTheBoundTheVerdictsStartOverAndStayExact() throws Exception {
        int distinct = CheckpointRows.REMEMBERED + 100;
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            regions.add("R" + i);
        }
        regions.addAll(List.copyOf(regions.subList(distinct - 100, distinct))); // seen after the start-over
        regions.addAll(List.copyOf(regions.subList(0, 100))); // seen before it: forgotten
        Path log = write(regions);
        Map<String, Integer> askedPer = new HashMap<>();
        List<String> kept = filter(log, p -> {
            String r = p.values().get("region");
            askedPer.merge(r, 1, Integer::sum);
            return Integer.parseInt(r.substring(1)) % 3 == 0;
        });

        assertEquals(distinct + 100, askedPer.values().stream().mapToInt(Integer::intValue).sum(),
                "the last 100 regions are remembered, the first 100 were forgotten at the start-over");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            if (Integer.parseInt(regions.get(i).substring(1)) % 3 == 0) {
                expected.add(path(i));
            }
        }
        assertEquals(expected, kept);
    }

    private List<String> filter(Path log, Predicate<PartitionValues> grant) throws IOException {
        FilteredLog engine = new FilteredLog(new FileFilter(ColumnMapping.none(), grant),
                Files.createDirectories(temp.resolve("spill")));
        Path out = temp.resolve("filtered.parquet");
        try (var stream = Files.newOutputStream(out)) {
            engine.checkpoint(List.of(LogView.checkpointName(3)), n -> Files.newInputStream(log.resolve(n)), stream);
        }
        List<String> paths = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(out.toUri())).withConf(new Configuration()).build()) {
            for (Group row; (row = reader.read()) != null; ) {
                if (row.getFieldRepetitionCount("add") > 0) {
                    paths.add(row.getGroup("add", 0).getString("path", 0));
                }
            }
        }
        return paths;
    }

    private Path write(List<String> regions) throws IOException {
        Path log = Files.createDirectories(temp.resolve("_delta_log"));
        SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                new LocalOutputFile(log.resolve(LogView.checkpointName(3)))).withType(SCHEMA).build()) {
            Group protocol = rows.newGroup();
            protocol.addGroup("protocol").append("minReaderVersion", 1).append("minWriterVersion", 2);
            writer.write(protocol);
            for (int i = 0; i < regions.size(); i++) {
                Group row = rows.newGroup();
                Group add = row.addGroup("add");
                add.append("path", path(i));
                Group entry = add.addGroup("partitionValues").addGroup("key_value").append("key", "region");
                if (regions.get(i) != null) {
                    entry.append("value", regions.get(i));
                }
                add.append("size", 1000L + i);
                writer.write(row);
            }
        }
        return log;
    }

    private static String path(int i) {
        return "part-" + i + ".parquet";
    }
}
