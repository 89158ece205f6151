package proxy.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.delta.FileClass;
import proxy.api.delta.IndexContext;
import proxy.api.delta.PartitionValues;
import proxy.testkit.TreeCopy;

/**
 * The first load publishes the current table state (checkpoint and newer commits) before the files of the retained
 * commits the checkpoint covers are folded in. On a copy of the {@code history} fixture: checkpoint at version 10,
 * every commit 0-13 retained, EU and US files removed at versions 5 and 7 that the checkpoint no longer holds. A
 * {@link GatedStore} holds or fails the reads of the commits up to the checkpoint; lookups run on virtual threads,
 * as the server's handlers do.
 */
class RetainedCommitFoldTest {
    private static final long CHECKPOINT = 10;
    private static final Pattern COMMIT = Pattern.compile("_delta_log/(\\d{20})\\.json");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NEVER_IN_THE_LOG = "region=EU/never-written.parquet";

    @TempDir
    Path temp;

    private final TestTables.ManualClock clock = new TestTables.ManualClock();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private Path table;
    private RecordingStore recording;
    private GatedStore store;

    @BeforeEach
    void copyHistory() throws IOException {
        table = temp.resolve("history");
        TreeCopy.copy(FixtureTablesTest.fixture("history"), table);
        recording = new RecordingStore(table);
        store = new GatedStore(recording);
    }

    @AfterEach
    void closeStore() {
        readers.shutdownNow();
        store.close();
    }

    @Test
    void theCurrentStateIsPublishedBeforeTheRetainedCommitsAreFolded() throws Exception {
        store.hold(RetainedCommitFoldTest::coveredByTheCheckpoint);
        try (DeltaTableIndex index = open()) {
            assertEquals(dataFile("EU"), within(() -> index.lookup(liveFile("EU"))));
            assertEquals(13, index.version());
            assertTrue(store.awaitHeldRead(WAIT), "the fold reads the retained commits after the first publish");
            assertTrue(within(() -> index.anyFileUnder("region=US/", pv -> true)), "positive answers do not wait");

            store.release();
            within(() -> {
                index.refresh();
                return null;
            });
            assertEquals(dataFile("EU"), index.lookup(removedBeforeTheCheckpoint("EU")));
            assertEquals(0, recording.virtualThreadReads(), "the log is read on the table's platform thread");
        }
    }

    @Test
    void aRemovedFileAskedForDuringTheFoldWaitsForItAndIsAllowed() throws Exception {
        store.hold(RetainedCommitFoldTest::coveredByTheCheckpoint);
        try (DeltaTableIndex index = open()) {
            within(() -> index.lookup(liveFile("EU")));
            assertTrue(store.awaitHeldRead(WAIT));
            String removed = removedBeforeTheCheckpoint("US");
            Future<FileClass> lookup = readers.submit(() -> index.lookup(removed));
            Future<Boolean> listing = readers.submit(() -> index.anyFileUnder(removed, pv -> true));
            Future<Map<PartitionValues, Long>> counts = readers.submit(index::dataFileCounts);
            assertStillWaiting(lookup);
            assertStillWaiting(listing);
            assertStillWaiting(counts);

            store.release();
            assertEquals(dataFile("US"), lookup.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(listing.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(Map.of(region("EU"), 6L, region("US"), 3L, region("APAC"), 3L, region("LATAM"), 1L),
                    counts.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, recording.virtualThreadReads(), "waiting readers do not read the log themselves");
        }
    }

    @Test
    void aKeyNeverInTheLogIsRefusedOnceTheFoldIsDone() throws Exception {
        store.hold(RetainedCommitFoldTest::coveredByTheCheckpoint);
        try (DeltaTableIndex index = open()) {
            within(() -> index.lookup(liveFile("EU")));
            assertTrue(store.awaitHeldRead(WAIT));
            Future<FileClass> lookup = readers.submit(() -> index.lookup(NEVER_IN_THE_LOG));
            assertStillWaiting(lookup);

            store.release();
            assertEquals(FileClass.UNKNOWN, lookup.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertFalse(index.anyFileUnder(NEVER_IN_THE_LOG, pv -> true));
        }
    }

    @Test
    void aFailedFoldFailsClosedOutsideTheCurrentStateAndALaterRefreshRecovers() throws Exception {
        store.fail(RetainedCommitFoldTest::coveredByTheCheckpoint);
        try (DeltaTableIndex index = open()) {
            String removed = removedBeforeTheCheckpoint("EU");
            assertEquals(dataFile("EU"), within(() -> index.lookup(liveFile("EU"))));
            assertUnavailable(() -> index.lookup(removed));
            assertUnavailable(() -> index.lookup(NEVER_IN_THE_LOG));
            assertUnavailable(() -> index.anyFileUnder(removed, pv -> true));
            assertUnavailable(index::dataFileCounts);
            assertUnavailable(index::refresh);
            assertEquals(dataFile("US"), index.lookup(liveFile("US")), "the current state is still served");
            assertTrue(index.anyFileUnder("region=EU/", pv -> true));
            assertTrue(metrics.failedRefreshes.get() >= 2, "the first fold and the refresh's retry failed");

            store.fail(key -> false);
            assertUnavailable(() -> index.lookup(removed)); // retried at most once a second
            clock.advance(DeltaTableIndex.MISS_REFRESH_INTERVAL);
            assertEquals(dataFile("EU"), index.lookup(removed));
            assertEquals(FileClass.UNKNOWN, index.lookup(NEVER_IN_THE_LOG));
            assertEquals(6L, index.dataFileCounts().get(region("EU")));
        }
    }

    @Test
    void aRefreshDuringTheFoldWaitsForItAndKeepsTheFilesOfBoth() throws Exception {
        store.hold(RetainedCommitFoldTest::coveredByTheCheckpoint);
        try (DeltaTableIndex index = open()) {
            within(() -> index.lookup(liveFile("EU")));
            assertTrue(store.awaitHeldRead(WAIT));
            Files.writeString(table.resolve("_delta_log/00000000000000000014.json"),
                    "{\"add\":{\"path\":\"region=EU/v14.parquet\",\"partitionValues\":{\"region\":\"EU\"},"
                            + "\"size\":1,\"modificationTime\":1,\"dataChange\":true}}\n", StandardCharsets.UTF_8);
            Future<?> refresh = readers.submit(index::refresh);
            assertStillWaiting(refresh);
            assertEquals(13, index.version(), "the refresh is queued behind the fold");

            store.release();
            refresh.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(14, index.version());
            assertEquals(dataFile("EU"), index.lookup("region=EU/v14.parquet"));
            assertEquals(dataFile("EU"), index.lookup(removedBeforeTheCheckpoint("EU")));
            assertEquals(7L, index.dataFileCounts().get(region("EU")));
        }
    }

    @Test
    void closingTheIndexDuringTheFoldReleasesWaitingReadersFailClosed() throws Exception {
        store.hold(RetainedCommitFoldTest::coveredByTheCheckpoint);
        DeltaTableIndex index = open();
        within(() -> index.lookup(liveFile("EU")));
        assertTrue(store.awaitHeldRead(WAIT));
        Future<FileClass> lookup = readers.submit(() -> index.lookup(NEVER_IN_THE_LOG));
        assertStillWaiting(lookup);

        index.close();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> lookup.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, assertInstanceOf(S3Exception.class, e.getCause()).code());
    }

    private DeltaTableIndex open() {
        return (DeltaTableIndex) new DeltaIndexProvider().create(new IndexContext("history", store,
                TestTables.context(store.root(), clock, metrics, 3600)));
    }

    /** Commits up to the checkpoint's version: those the fold reads. */
    private static boolean coveredByTheCheckpoint(String key) {
        Matcher m = COMMIT.matcher(key);
        return m.matches() && Long.parseLong(m.group(1)) <= CHECKPOINT;
    }

    /** A file of the region live at the last version, found by replaying the commits independently. */
    private String liveFile(String region) {
        Map<String, TestTables.Action> live = new LinkedHashMap<>();
        for (TestTables.Action a : TestTables.commitActions(table)) {
            if (a.type().equals("add")) {
                live.put(a.key(), a);
            } else if (a.type().equals("remove")) {
                live.remove(a.key());
            }
        }
        return live.values().stream().filter(a -> region.equals(a.partitionValues().get("region")))
                .map(TestTables.Action::key).findFirst().orElseThrow();
    }

    /** A file of the region removed at or before the checkpoint's version (so the checkpoint does not hold it). */
    private String removedBeforeTheCheckpoint(String region) {
        List<TestTables.Action> actions = TestTables.commitActions(table);
        return actions.stream().filter(a -> a.type().equals("remove") && a.version() <= CHECKPOINT)
                .map(TestTables.Action::key)
                .filter(key -> actions.stream().anyMatch(a -> a.key().equals(key) && a.type().equals("add")
                        && region.equals(a.partitionValues().get("region"))))
                .findFirst().orElseThrow();
    }

    /** Runs a call on a virtual thread and fails the test if it does not answer in time. */
    private <T> T within(Callable<T> call) throws Exception {
        return readers.submit(call).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void assertStillWaiting(Future<?> call) {
        assertThrows(TimeoutException.class, () -> call.get(200, TimeUnit.MILLISECONDS));
    }

    private static void assertUnavailable(Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, e.code());
    }

    private static FileClass dataFile(String region) {
        return new FileClass.DataFile(region(region));
    }

    private static PartitionValues region(String r) {
        return new PartitionValues(Map.of("region", r));
    }
}
