package proxy.delta.write;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.PartitionSpec;
import proxy.api.delta.CommitCheck;
import proxy.api.delta.FileClass;
import proxy.api.delta.PartitionValues;
import proxy.api.policy.Access;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.WriteScope;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.TablePaths;
import proxy.testkit.ProjectPaths;

/** {@link CommitGate} over real commit JSON: the fixture table's own commits and commits a writer would send. */
class CommitGateTest {
    private static final String NEW_XLON = "MIC=XLON/date=2024-02-01/new-000.parquet";
    private static final String XLON_FILE = "MIC=XLON/date=2024-01-01/old-000.parquet";
    private static final String XETR_FILE = "MIC=XETR/date=2024-01-01/other-000.parquet";

    private final CommitGate gate = new CommitGate(new TablePaths(URI.create("s3://lake/t/trades")));
    private final Map<String, FileClass> index = new HashMap<>(Map.of(
            XLON_FILE, data("XLON", "2024-01-01"),
            XETR_FILE, data("XETR", "2024-01-01")));
    private final Map<String, Map<String, String>> uploads = new HashMap<>();

    @Test
    void anAppendOfFilesUploadedForTheWritersPartitionPasses() {
        uploads.put(NEW_XLON, Map.of("MIC", "XLON", "date", "2024-02-01"));
        assertDoesNotThrow(() -> check(xlon(), commitInfo() + add(NEW_XLON, "XLON", "2024-02-01")));
    }

    @Test
    void theFixturesFirstAppendNeedsAGrantOnEveryPartitionItTouches() throws IOException {
        String body = fixtureCommit(1);
        uploadEveryAdd(body);
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), body).code());
        assertDoesNotThrow(() -> check(scope(Map.of()), body));
    }

    @Test
    void anAddOfAnotherPartitionsFileIsRefusedExactlyLikeAFileThatDoesNotExist() {
        S3Exception foreign = refused(xlon(), add(XETR_FILE, "XLON", "2024-01-01"));
        S3Exception missing = refused(xlon(), add("MIC=XLON/date=2024-01-01/nothing.parquet", "XLON", "2024-01-01"));
        assertEquals(S3ErrorCode.ACCESS_DENIED, foreign.code());
        assertEquals(foreign.getMessage(), missing.getMessage());
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), add(XETR_FILE, "XETR", "2024-01-01")).code());
    }

    @Test
    void anUploadRecordedForOtherPartitionValuesDoesNotCount() {
        uploads.put(NEW_XLON, Map.of("MIC", "XLON", "date", "2024-02-02"));
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), add(NEW_XLON, "XLON", "2024-02-01")).code());
        uploads.clear();
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), add(NEW_XLON, "XLON", "2024-02-01")).code());
    }

    @Test
    void reAddingAnIndexedFileKeepsItsPartition() {
        String dv = ",\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\"wi5b=000010000siXQKl0rr91000f\""
                + ",\"sizeInBytes\":36,\"cardinality\":2}";
        assertDoesNotThrow(() -> check(xlon(), remove(XLON_FILE) + add(XLON_FILE, "XLON", "2024-01-01", dv)));
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), add(XLON_FILE, "XLON", "2024-01-02")).code());
    }

    @Test
    void aDeletionVectorFileMustBeUploadedOrAlreadyTheWritersOwn() {
        String dvKey = "ab/deletion_vector_00000000-0000-0000-0000-000000000000.bin";
        String dv = ",\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab00000000000000000000\""
                + ",\"offset\":1,\"sizeInBytes\":36,\"cardinality\":2}";
        String body = remove(XLON_FILE) + add(XLON_FILE, "XLON", "2024-01-01", dv);
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), body).code());
        index.put(dvKey, new FileClass.DeletionVector(List.of(
                new FileClass.DeletionVector.Window(1, 44, partition("XETR", "2024-01-01")))));
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), body).code());
        index.remove(dvKey);
        uploads.put(dvKey, Map.of());
        assertDoesNotThrow(() -> check(xlon(), body));
    }

    @Test
    void aRemoveMustNameACurrentFileOfTheWritersPartitions() {
        assertDoesNotThrow(() -> check(xlon(), remove(XLON_FILE)));
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), remove(XETR_FILE)).code());
        assertEquals(refused(xlon(), remove(XETR_FILE)).getMessage(),
                refused(xlon(), remove("MIC=XLON/nothing.parquet")).getMessage());
    }

    @Test
    void metaDataProtocolAndDomainMetadataNeedAGrantOnTheWholeTable() throws IOException {
        String create = fixtureCommit(0);
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), create).code());
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(),
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7}}").code());
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(),
                "{\"domainMetadata\":{\"domain\":\"d\",\"configuration\":\"{}\",\"removed\":false}}").code());
        assertDoesNotThrow(() -> check(scope(Map.of()), create));
        assertDoesNotThrow(() -> check(xlon(), commitInfo() + "{\"txn\":{\"appId\":\"a\",\"version\":1}}"));
    }

    @Test
    void otherActionsAreRefused() {
        for (String action : List.of("checkpointMetadata", "sidecar", "somethingNew")) {
            assertEquals(S3ErrorCode.ACCESS_DENIED, refused(scope(Map.of()), "{\"" + action + "\":{}}").code(),
                    action);
        }
    }

    @Test
    void pathsOutsideTheTableOrInsideTheLogAreRefused() {
        for (String path : List.of("../other/x.parquet", "s3://lake/t/trades/MIC=XLON/x.parquet", "/abs.parquet",
                "_delta_log/00000000000000000000.json", "MIC=XLON/../../x.parquet", "file:/etc/passwd")) {
            uploads.put(path, Map.of("MIC", "XLON", "date", "2024-01-01"));
            assertEquals(S3ErrorCode.ACCESS_DENIED, refused(xlon(), add(path, "XLON", "2024-01-01")).code(), path);
        }
    }

    @Test
    void partitionValuesAreJudgedByTheirLogicalNamesUnderColumnMapping() {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"name\":\"MIC\",\"type\":\"string\",\"nullable\":true,"
                + "\"metadata\":{\"delta.columnMapping.physicalName\":\"col-1a2b\",\"delta.columnMapping.id\":1}}]}";
        ColumnMapping mapping = ColumnMapping.of(schema, Map.of("delta.columnMapping.mode", "name"),
                new ObjectMapper());
        String key = "Ab/new-000.parquet";
        uploads.put(key, Map.of("col-1a2b", "XLON"));
        String body = "{\"add\":{\"path\":\"" + key + "\",\"partitionValues\":{\"col-1a2b\":\"XLON\"},\"size\":1,"
                + "\"modificationTime\":1,\"dataChange\":true}}";
        assertDoesNotThrow(() -> gate.check(bytes(body), this::lookup, mapping,
                new CommitCheck(scope(Map.of("MIC", "XLON")), this::uploaded)));
        var e = assertThrows(S3Exception.class, () -> gate.check(bytes(body), this::lookup, mapping,
                new CommitCheck(scope(Map.of("MIC", "XETR")), this::uploaded)));
        assertEquals(S3ErrorCode.ACCESS_DENIED, e.code());
    }

    @Test
    void malformedBodiesAreInvalidArgument() {
        for (String body : List.of("", "\n\n", "not json", "{\"add\":{},\"remove\":{}}", "[1]",
                "{\"commitInfo\":{\"a\":1,\"a\":2}}", "{\"add\":{\"path\":\"x\"}}", "{\"add\":1}")) {
            assertEquals(S3ErrorCode.INVALID_ARGUMENT, refused(scope(Map.of()), body).code(), body);
        }
        var e = assertThrows(S3Exception.class, () -> gate.check(new byte[] {'{', (byte) 0xff, '}'}, this::lookup,
                ColumnMapping.none(), new CommitCheck(scope(Map.of()), this::uploaded)));
        assertEquals(S3ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void noWriteGrantWritesNothing() {
        uploads.put(NEW_XLON, Map.of("MIC", "XLON", "date", "2024-02-01"));
        assertEquals(S3ErrorCode.ACCESS_DENIED, refused(WriteScope.NONE, commitInfo()).code());
    }

    private void check(WriteScope scope, String body) {
        gate.check(bytes(body), this::lookup, ColumnMapping.none(), new CommitCheck(scope, this::uploaded));
    }

    private S3Exception refused(WriteScope scope, String body) {
        return assertThrows(S3Exception.class, () -> check(scope, body));
    }

    private FileClass lookup(String key) {
        return index.getOrDefault(key, FileClass.UNKNOWN);
    }

    private Optional<Map<String, String>> uploaded(String key) {
        return Optional.ofNullable(uploads.get(key));
    }

    private void uploadEveryAdd(String body) throws IOException {
        var json = new ObjectMapper();
        for (String line : body.split("\n")) {
            var add = json.readTree(line).get("add");
            if (add != null) {
                Map<String, String> values = new HashMap<>();
                add.get("partitionValues").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
                uploads.put(add.get("path").asText(), values);
            }
        }
    }

    private static String fixtureCommit(int version) throws IOException {
        Path file = ProjectPaths.fixtureTables().resolve("trades/_delta_log/" + String.format("%020d.json", version));
        return Files.readString(file);
    }

    private static WriteScope xlon() {
        return scope(Map.of("MIC", "XLON"));
    }

    private static WriteScope scope(Map<String, String> values) {
        return new WriteScope(List.of(new PartitionGrant("alice", "trades", new PartitionSpec(values), "test",
                Access.WRITE)));
    }

    private static FileClass data(String mic, String date) {
        return new FileClass.DataFile(partition(mic, date));
    }

    private static PartitionValues partition(String mic, String date) {
        return new PartitionValues(Map.of("MIC", mic, "date", date));
    }

    private static String commitInfo() {
        return "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"WRITE\"}}\n";
    }

    private static String add(String path, String mic, String date) {
        return add(path, mic, date, "");
    }

    private static String add(String path, String mic, String date, String extra) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"MIC\":\"" + mic + "\",\"date\":\"" + date
                + "\"},\"size\":10,\"modificationTime\":1,\"dataChange\":true" + extra + "}}\n";
    }

    private static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":1,\"dataChange\":true}}\n";
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
