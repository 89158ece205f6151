package proxy.delta.filtered;

import proxy.testkit.LeakScan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/** The engine's rules on hand-written log objects: commits, the feature gate, {@code _last_checkpoint}, the view. */
class FilteredLogTest {
    private static final String INFO = "{\"commitInfo\":{\"timestamp\":1700000000000,\"inCommitTimestamp\":1700000000001,"
            + "\"operation\":\"DELETE\",\"operationParameters\":{\"predicate\":\"[\\\"(MIC = 'XPAR')\\\"]\"},"
            + "\"operationMetrics\":{\"numDeletedRows\":\"7\"},\"userMetadata\":\"secret plan\",\"userName\":\"bob\","
            + "\"txnId\":\"t-1\"}}";
    private static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
            + "\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"deletionVectors\"]}}";
    private static final String ADD_XLON = "{\"add\":{\"path\":\"MIC=XLON/a.parquet\",\"partitionValues\":{\"MIC\":\"XLON\"},"
            + "\"size\":1,\"modificationTime\":1,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":8}\"}}";
    private static final String ADD_XPAR = "{\"add\":{\"path\":\"MIC=XPAR/b.parquet\",\"partitionValues\":{\"MIC\":\"XPAR\"},"
            + "\"size\":2,\"modificationTime\":1,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":20}\"}}";
    private static final String REMOVE_NULL = "{\"remove\":{\"path\":\"MIC=__HIVE_DEFAULT_PARTITION__/c.parquet\","
            + "\"partitionValues\":{\"MIC\":null},\"dataChange\":true}}";

    @TempDir
    Path temp;

    private FilteredLog xlon() {
        GrantSet grants = GrantSet.of("XLON", Map.of("MIC", "XLON"));
        return new FilteredLog(new FileFilter(ColumnMapping.none(), grants.predicate()), temp);
    }

    private String commit(FilteredLog log, String... lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        log.commit(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void commitKeepsReadableLinesVerbatimAfterAReducedCommitInfo() throws IOException {
        String filtered = commit(xlon(), INFO, PROTOCOL, ADD_XLON, ADD_XPAR, REMOVE_NULL,
                "{\"txn\":{\"appId\":\"job-XPAR\",\"version\":3}}",
                "{\"domainMetadata\":{\"domain\":\"delta.rowTracking\",\"configuration\":\"{\\\"rowIdHighWaterMark\\\":99}\",\"removed\":false}}");
        assertEquals("{\"commitInfo\":{\"timestamp\":1700000000000,\"inCommitTimestamp\":1700000000001,"
                + "\"operation\":\"DELETE\",\"txnId\":\"t-1\"}}\n" + PROTOCOL + "\n" + ADD_XLON + "\n", filtered);
    }

    @Test
    void commitInfoComesFirstEvenWhenTheWriterPutItLast() throws IOException {
        String filtered = commit(xlon(), ADD_XLON, "{\"commitInfo\":{\"timestamp\":5,\"clientVersion\":\"delta-rs\"}}");
        assertEquals("{\"commitInfo\":{\"timestamp\":5}}\n" + ADD_XLON + "\n", filtered);
    }

    @Test
    void aCommitWithNothingReadableIsNeverEmpty() throws IOException {
        assertEquals("{\"commitInfo\":{\"timestamp\":1700000000000,\"inCommitTimestamp\":1700000000001,"
                + "\"operation\":\"DELETE\",\"txnId\":\"t-1\"}}\n", commit(xlon(), INFO, ADD_XPAR));
        assertEquals("{\"commitInfo\":{}}\n", commit(xlon(), ADD_XPAR));
    }

    @Test
    void nullPartitionsAndColumnMappingDecideAsForGets() throws IOException {
        FilteredLog nulls = new FilteredLog(new FileFilter(ColumnMapping.none(),
                new GrantSet("null", List.of(java.util.Collections.singletonMap("MIC", null))).predicate()), temp);
        assertTrue(commit(nulls, REMOVE_NULL, ADD_XLON).endsWith(REMOVE_NULL + "\n"));
        String schema = "{\"type\":\"struct\",\"fields\":[{\"name\":\"MIC\",\"type\":\"string\",\"nullable\":true,"
                + "\"metadata\":{\"delta.columnMapping.physicalName\":\"col-1\"}}]}";
        ColumnMapping mapping = ColumnMapping.of(schema, Map.of("delta.columnMapping.mode", "name"),
                new com.fasterxml.jackson.databind.ObjectMapper());
        FilteredLog mapped = new FilteredLog(new FileFilter(mapping,
                GrantSet.of("XLON", Map.of("MIC", "XLON")).predicate()), temp);
        String add = ADD_XLON.replace("{\"MIC\":\"XLON\"}", "{\"col-1\":\"XLON\"}");
        assertTrue(commit(mapped, add, ADD_XPAR.replace("\"MIC\":", "\"col-1\":")).endsWith("\n" + add + "\n"));
    }

    @Test
    void unknownFeaturesAndActionsFailClosedNamingThem() {
        String catalog = PROTOCOL.replace("[\"deletionVectors\"],\"writerFeatures\"",
                "[\"deletionVectors\",\"catalogManaged\"],\"writerFeatures\"");
        var e = assertThrows(UnsupportedLogException.class, () -> commit(xlon(), INFO, catalog, ADD_XLON));
        assertEquals("reader feature 'catalogManaged'", e.getMessage());
        e = assertThrows(UnsupportedLogException.class, () -> commit(xlon(),
                "{\"protocol\":{\"minReaderVersion\":4,\"minWriterVersion\":7}}"));
        assertEquals("reader version 4", e.getMessage());
        e = assertThrows(UnsupportedLogException.class, () -> commit(xlon(), INFO, "{\"futureAction\":{}}"));
        assertEquals("action 'futureAction'", e.getMessage());
        assertThrows(UnsupportedLogException.class, () -> commit(xlon(), "not json"));
        assertThrows(UnsupportedLogException.class, () -> commit(xlon(), ADD_XLON.replace("}}", "},\"remove\":{}}")));
    }

    @Test
    void theTableProtocolIsCheckedAgainstTheAllowList() throws UnsupportedLogException {
        FilteredLog.requireSupported(3, 7, List.of("columnMapping", "deletionVectors", "v2Checkpoint"),
                List.of("columnMapping", "deletionVectors", "v2Checkpoint", "inCommitTimestamp", "rowTracking"));
        FilteredLog.requireSupported(1, 2, List.of(), List.of());
        var e = assertThrows(UnsupportedLogException.class,
                () -> FilteredLog.requireSupported(3, 7, List.of(), List.of("catalogOwned-preview")));
        assertEquals("writer feature 'catalogOwned-preview'", e.getMessage());
    }

    @Test
    void aCheckpointWithAnUnknownFeatureFailsClosed() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message spark_schema {"
                + " optional group protocol { optional int32 minReaderVersion; optional int32 minWriterVersion;"
                + " optional group readerFeatures (LIST) { repeated group list { optional binary element (STRING); } }"
                + " } }");
        Path file = temp.resolve("00000000000000000003.checkpoint.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .build()) {
            Group row = new SimpleGroupFactory(schema).newGroup();
            Group protocol = row.addGroup("protocol").append("minReaderVersion", 3).append("minWriterVersion", 7);
            protocol.addGroup("readerFeatures").addGroup("list").append("element", "catalogManaged");
            writer.write(row);
        }
        var e = assertThrows(UnsupportedLogException.class, () -> xlon().checkpoint(
                List.of(file.getFileName().toString()), n -> Files.newInputStream(temp.resolve(n)),
                OutputStream.nullOutputStream()));
        assertEquals("reader feature 'catalogManaged'", e.getMessage());
    }

    @Test
    void aJsonV2ManifestBecomesAClassicCheckpointOfItsReadableRows() throws IOException {
        String name = "00000000000000000002.checkpoint.e8fa2696-9728-4e9c-b285-634743fdd4fb.json";
        String metaData = "{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                + "\"schemaString\":\"{}\",\"partitionColumns\":[\"MIC\"],\"configuration\":{},\"createdTime\":1}}";
        Files.writeString(temp.resolve(name), String.join("\n", "{\"checkpointMetadata\":{\"version\":2}}", PROTOCOL,
                metaData, ADD_XPAR, ADD_XLON, "{\"txn\":{\"appId\":\"job-XPAR\",\"version\":3}}"));
        Path out = temp.resolve("out.parquet");
        FilteredCheckpoint cp;
        try (OutputStream o = Files.newOutputStream(out)) {
            cp = xlon().checkpoint(List.of(name), n -> Files.newInputStream(temp.resolve(n)), o);
        }
        assertEquals(new FilteredCheckpoint(2, 4, 1, Files.size(out)), cp);
        String rows = LeakScan.decode(Files.createDirectories(temp.resolve("log"))) + decoded(out);
        assertTrue(rows.contains("MIC=XLON/a.parquet") && rows.contains("deletionVectors"), rows);
        assertFalse(rows.contains("XPAR"), rows);
        Files.writeString(temp.resolve(name), String.join("\n", PROTOCOL,
                ADD_XLON.replace("\"size\":1,", "\"size\":1,\"futureField\":7,")));
        var e = assertThrows(UnsupportedLogException.class, () -> xlon().checkpoint(List.of(name),
                n -> Files.newInputStream(temp.resolve(n)), OutputStream.nullOutputStream()));
        assertEquals("checkpoint field 'futureField' outside the checkpoint schema", e.getMessage());
    }

    private String decoded(Path parquet) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("decode"));
        Files.copy(parquet, dir.resolve("x.parquet"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return LeakScan.decode(dir);
    }

    @Test
    void lastCheckpointNamesOnlyTheFilteredCheckpoint() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        xlon().lastCheckpoint(new FilteredCheckpoint(10, 5, 3, 1234), out);
        assertEquals("{\"version\":10,\"size\":5,\"sizeInBytes\":1234,\"numOfAddFiles\":3}",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theViewShowsCommitsOneClassicCheckpointPerVersionAndLastCheckpointOnly() {
        assertEquals(Optional.of("00000000000000000007.json"), LogView.filteredName("00000000000000000007.json"));
        assertEquals(Optional.of("00000000000000000007.checkpoint.parquet"),
                LogView.filteredName("00000000000000000007.checkpoint.parquet"));
        assertEquals(Optional.of("00000000000000000001.checkpoint.parquet"),
                LogView.filteredName("00000000000000000001.checkpoint.0000000001.0000000002.parquet"));
        assertEquals(Optional.of("00000000000000000002.checkpoint.parquet"), LogView.filteredName(
                "00000000000000000002.checkpoint.e8fa2696-9728-4e9c-b285-634743fdd4fb.parquet"));
        assertEquals(Optional.of("_last_checkpoint"), LogView.filteredName("_last_checkpoint"));
        for (String hidden : List.of("00000000000000000007.crc", "00000000000000000001.00000000000000000004.compacted.json",
                "00000000000000000001.checkpoint.0000000002.0000000002.parquet",
                "_sidecars/00000000000000000002.checkpoint.0000000001.0000000002.055454d8-329c-4e0e-864d-7f867075af33.parquet",
                "_staged_commits/00000000000000000008.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json",
                ".00000000000000000008.json.tmp", "_commits/00000000000000000008.json", "junk")) {
            assertFalse(LogView.visible(hidden), hidden);
        }
        assertEquals("00000000000000000042.checkpoint.parquet", LogView.checkpointName(42));
    }
}
