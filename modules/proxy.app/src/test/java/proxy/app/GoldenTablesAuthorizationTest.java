package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import proxy.api.config.GetMode;
import proxy.api.config.DeltaLogMode;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Partition authorization over every real golden Delta table (../shared/golden), end to end through the wired
 * proxy and the AWS SDK. For each table the test parses the JSON commits itself ({@link GoldenLog}), derives
 * grants ({@link GoldenGrant}: whole table, the most common value of the first partition column, null and the
 * string literal "null", a column that was a partition column only in history, every column at once, a
 * physical column name) and gives each to its own user. It then proves, key by key, that exactly the files the
 * grant covers are served byte for byte and everything else on disk or in the log is 403 AccessDenied, that
 * listings show exactly the readable keys plus the log, and that the table is invisible to everyone else.
 * The log is read in {@code passthrough} mode here (its objects byte for byte, like data files): what a partial
 * grant reads of a filtered log is proven by the filtered-log oracle tests. The whole class is skipped when the
 * golden tables are absent.
 */
class GoldenTablesAuthorizationTest {
    private static final System.Logger LOG = System.getLogger(GoldenTablesAuthorizationTest.class.getName());
    private static final String NOBODY_KEY = "AKIAGOLDENNOBODY0001";
    private static final String NOBODY_SECRET = "nobody-has-grants";

    static final List<GoldenGrant> GRANTS = new ArrayList<>();
    static final Map<String, Path> TABLES = new LinkedHashMap<>();
    static final Map<Integer, S3Client> CLIENTS = new HashMap<>();
    static RunningProxy proxy;
    static String bucket;

    @BeforeAll
    static void start() {
        Optional<Path> golden = GoldenDisk.goldenRoot();
        Assumptions.assumeTrue(golden.isPresent(), "shared/golden is absent: golden authorization tests skipped");
        Map<String, URI> mapping = new LinkedHashMap<>();
        for (Path dir : GoldenDisk.tables(golden.get())) {
            String table = dir.getFileName().toString();
            TABLES.put(table, dir);
            mapping.put(table, dir.toUri());
            GRANTS.addAll(GoldenGrant.scenarios(table, GoldenLog.read(dir), GRANTS.size() + 1));
        }
        List<UserConfig> users = new ArrayList<>(GRANTS.stream().map(GoldenGrant::user).toList());
        users.add(new UserConfig("nobody", NOBODY_KEY, new Secret(NOBODY_SECRET), Map.of()));
        ProxyConfig config = ProxyConfig.defaults(mapping).toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .deltaLog(DeltaLogMode.PASSTHROUGH)
                .users(users)
                .build();
        bucket = config.server().bucket();
        proxy = new RunningProxy(config);
    }

    @AfterAll
    static void stop() {
        CLIENTS.values().forEach(S3Client::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    static Stream<GoldenGrant> grants() {
        return GRANTS.stream();
    }

    static S3Client client(GoldenGrant grant) {
        return CLIENTS.computeIfAbsent(grant.id(), id -> proxy.client(grant.accessKey(), grant.secretKey()));
    }

    static S3Client nobody() {
        return CLIENTS.computeIfAbsent(0, id -> proxy.client(NOBODY_KEY, NOBODY_SECRET));
    }

    /** What a GET answered: 200 with the body, or the S3 error's status and code. */
    record Outcome(int status, String code, byte[] body) {
        @Override
        public String toString() {
            return status == 200 ? "200 (" + body.length + " bytes)" : status + " " + code;
        }
    }

    static Outcome get(S3Client client, String key) {
        try {
            return new Outcome(200, "", client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (S3Exception e) {
            return new Outcome(e.statusCode(), e.awsErrorDetails().errorCode(), null);
        }
    }

    /** Null when the key was served with exactly the bytes on disk, else what went wrong. */
    static String servedFromDisk(S3Client client, String table, String key) {
        Outcome outcome = get(client, table + "/" + key);
        try {
            byte[] disk = Files.readAllBytes(TABLES.get(table).resolve(key));
            return outcome.status() == 200 && Arrays.equals(disk, outcome.body()) ? null
                    : key + ": expected 200 with the " + disk.length + " bytes on disk, got " + outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when the key was refused with 403 AccessDenied, else what was answered. */
    static String refused(S3Client client, String table, String key) {
        Outcome outcome = get(client, table + "/" + key);
        return outcome.status() == 403 && "AccessDenied".equals(outcome.code()) ? null
                : key + ": expected 403 AccessDenied, got " + outcome;
    }

    /** Every key a grant must be judged on: each file on disk and each key the log names. */
    static SortedSet<String> candidateKeys(GoldenGrant grant, GoldenDisk disk) {
        SortedSet<String> keys = new TreeSet<>(disk.otherKeys());
        keys.addAll(grant.log().files().keySet());
        keys.addAll(grant.log().deletionVectors().keySet());
        return keys;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grants")
    void exactlyTheFilesTheGrantCoversAreServed(GoldenGrant grant) {
        GoldenDisk disk = GoldenDisk.of(TABLES.get(grant.table()));
        S3Client client = client(grant);
        List<String> wrong = new ArrayList<>();
        int served = 0;
        int refused = 0;
        int absent = 0;
        for (String key : candidateKeys(grant, disk)) {
            boolean onDisk = disk.otherKeys().contains(key);
            if (grant.readable(key) && onDisk) {
                served++;
                addIfWrong(wrong, servedFromDisk(client, grant.table(), key));
            } else if (grant.readable(key)) {
                absent++;
                Outcome outcome = get(client, grant.table() + "/" + key);
                if (outcome.status() != 404 || !"NoSuchKey".equals(outcome.code())) {
                    wrong.add(key + ": readable but absent from disk: expected 404 NoSuchKey, got " + outcome);
                }
            } else {
                refused++;
                addIfWrong(wrong, refused(client, grant.table(), key));
            }
        }
        disk.logKeys().forEach(key -> addIfWrong(wrong, servedFromDisk(client, grant.table(), key)));
        for (String key : disk.foreignLogKeys()) {
            Outcome outcome = get(client, grant.table() + "/" + key);
            if (outcome.status() != 404 || !"NoSuchKey".equals(outcome.code())) {
                wrong.add(key + ": foreign to the log: expected 404 NoSuchKey, got " + outcome);
            }
        }
        LOG.log(System.Logger.Level.INFO, "golden {0} grant {1} ({2}): {3} files readable, {4} refused, "
                + "{5} readable but absent (404), {6} _delta_log objects readable", grant.table(), grant.shown(),
                grant.why(), served, refused, absent, disk.logKeys().size());
        assertEquals(List.of(), wrong, grant.toString());
    }

    private static void addIfWrong(List<String> wrong, String problem) {
        if (problem != null) {
            wrong.add(problem);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grants")
    void listingsShowTheLogAndExactlyTheReadableFiles(GoldenGrant grant) {
        GoldenDisk disk = GoldenDisk.of(TABLES.get(grant.table()));
        String root = grant.table() + "/";
        List<String> readable = disk.otherKeys().stream().filter(grant::listed).toList();
        List<String> expected = Stream.concat(disk.logKeys().stream(), readable.stream()).map(k -> root + k)
                .sorted(GoldenTablesAuthorizationTest::utf8Order).toList();
        S3Client client = client(grant);
        List<String> listed = client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(root).maxKeys(3))
                .contents().stream().map(S3Object::key).toList();
        assertEquals(expected, listed, grant + ": recursive listing");

        SortedSet<String> prefixes = new TreeSet<>(List.of(root + "_delta_log/"));
        readable.stream().filter(k -> k.contains("/")).forEach(k -> prefixes.add(root + k.substring(0,
                k.indexOf('/') + 1)));
        var page = client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(root).delimiter("/").maxKeys(2));
        assertEquals(List.copyOf(prefixes), page.commonPrefixes().stream().map(CommonPrefix::prefix).sorted()
                .toList(), grant + ": common prefixes at the table root");
        assertEquals(readable.stream().filter(k -> !k.contains("/")).map(k -> root + k).toList(),
                page.contents().stream().map(S3Object::key).toList(), grant + ": objects at the table root");
        assertEquals(List.of(root), client.listObjectsV2(b -> b.bucket(bucket).delimiter("/")).commonPrefixes()
                .stream().map(CommonPrefix::prefix).toList(), grant + ": the bucket root shows only its table");
    }

    /** S3 lists keys in UTF-8 binary order. */
    static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUserWithoutGrantsSeesNothing() {
        S3Client nobody = nobody();
        assertEquals(List.of(), nobody.listObjectsV2(b -> b.bucket(bucket).delimiter("/")).commonPrefixes());
        assertEquals(List.of(), nobody.listObjectsV2(b -> b.bucket(bucket)).contents());
        List<String> wrong = new ArrayList<>();
        for (var table : TABLES.entrySet()) {
            assertEquals(List.of(), nobody.listObjectsV2(b -> b.bucket(bucket).prefix(table.getKey() + "/"))
                    .contents(), table.getKey());
            GoldenDisk disk = GoldenDisk.of(table.getValue());
            Stream.of(disk.logKeys(), disk.foreignLogKeys(), disk.otherKeys()).flatMap(java.util.Set::stream)
                    .forEach(key -> addIfWrong(wrong, refused(nobody, table.getKey(), key)));
        }
        assertEquals(List.of(), wrong);
    }

    /** The whole-table scenario of a table, when the golden set has the table. */
    static Optional<GoldenGrant> wholeTable(String table) {
        return GRANTS.stream().filter(g -> g.table().equals(table) && g.grant().isEmpty()).findFirst();
    }

    static Optional<GoldenGrant> scenario(String table, String why) {
        return GRANTS.stream().filter(g -> g.table().equals(table) && g.why().equals(why)).findFirst();
    }

    /**
     * Documented behaviour: these two Spark test tables store their deletion vectors as
     * {@code test%dv%prefix-deletion_vector_<uuid>.bin}, a prefix the descriptor does not record (the log names
     * {@code deletion_vector_<uuid>.bin}, which is not on disk). The proxy only serves what the log names, so
     * even a whole-table grant refuses the stored files.
     */
    @Test
    void deletionVectorsUnderAnUnrecordedPrefixAreRefused() {
        List<GoldenGrant> tables = Stream.of("partitioned-table-with-dv-large", "table-with-dv-small")
                .map(GoldenTablesAuthorizationTest::wholeTable).flatMap(Optional::stream).toList();
        Assumptions.assumeFalse(tables.isEmpty(), "neither DV-prefix table is in the golden set");
        for (GoldenGrant grant : tables) {
            GoldenDisk disk = GoldenDisk.of(TABLES.get(grant.table()));
            List<String> stored = disk.otherKeys().stream().filter(k -> k.startsWith("test%dv%prefix-")).toList();
            assertFalse(stored.isEmpty(), grant.table());
            for (String key : stored) {
                String named = key.substring("test%dv%prefix-".length());
                assertTrue(grant.log().deletionVectors().containsKey(named), key);
                assertFalse(disk.otherKeys().contains(named), named);
                assertTrue(grant.readable(named), "its data file is readable: " + named);
                assertEquals(null, refused(client(grant), grant.table(), key));
            }
        }
    }

    @Test
    void columnMappingGrantsUseLogicalNames() {
        List<GoldenGrant> physical = GRANTS.stream().filter(g -> g.why().equals("physical column name")).toList();
        Assumptions.assumeFalse(physical.isEmpty(), "no column-mapping table in the golden set");
        for (GoldenGrant grant : physical) {
            GoldenDisk disk = GoldenDisk.of(TABLES.get(grant.table()));
            List<String> data = grant.log().files().keySet().stream().filter(disk.otherKeys()::contains).toList();
            assertFalse(data.isEmpty(), grant.table());
            data.forEach(key -> assertEquals(null, refused(client(grant), grant.table(), key), grant.toString()));
            data.forEach(key -> assertEquals(null, servedFromDisk(client(wholeTable(grant.table()).orElseThrow()),
                    grant.table(), key)));
        }
        scenario("data-reader-timestamp_ntz-name-mode", "most common value").ifPresent(logical -> {
            List<String> granted = logical.log().files().keySet().stream().filter(logical::readable).toList();
            assertFalse(granted.isEmpty(), "the logical-name grant opens files");
            granted.forEach(key -> assertEquals(null, servedFromDisk(client(logical), logical.table(), key)));
        });
    }

    @Test
    void changeDataFilesFollowTheirPartition() {
        Optional<GoldenGrant> birthday = scenario("rs-cdf-table", "most common value");
        Assumptions.assumeTrue(birthday.isPresent(), "rs-cdf-table is not in the golden set");
        GoldenGrant grant = birthday.get();
        assertEquals(List.of("birthday"), List.copyOf(grant.grant().keySet()));
        var cdc = grant.log().files().values().stream().filter(GoldenLog.LoggedFile::cdc)
                .map(GoldenLog.LoggedFile::key).sorted(Comparator.naturalOrder()).toList();
        List<String> open = cdc.stream().filter(grant::readable).toList();
        List<String> closed = cdc.stream().filter(k -> !grant.readable(k)).toList();
        assertFalse(open.isEmpty(), "some _change_data file has birthday " + grant.grant());
        assertFalse(closed.isEmpty(), "some _change_data file has another birthday");
        assertTrue(cdc.stream().allMatch(k -> k.startsWith("_change_data/birthday=")), cdc.toString());
        open.forEach(key -> assertEquals(null, servedFromDisk(client(grant), grant.table(), key)));
        closed.forEach(key -> assertEquals(null, refused(client(grant), grant.table(), key)));
    }
}
