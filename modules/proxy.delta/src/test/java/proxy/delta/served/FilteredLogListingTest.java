package proxy.delta.served;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.delta.LogGrant;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.log.ColumnMapping;
import proxy.delta.log.LogState;
import proxy.delta.log.Protocol;
import proxy.storage.file.FileStore;
import proxy.testkit.ProjectPaths;

/**
 * A {@code _delta_log/} LIST of the filtered view is one consistent, sorted listing whatever the page size, on a log
 * of more than 1,000 objects (so even 1,000-key pages split it): the fixture {@code history} table (checkpoints at
 * 7 and 10) with 1,000 more commits, whose version 10 also has a v2 checkpoint (its UUID name sorts before the
 * classic one) and version 7 a multi-part one. Each checkpoint version is listed once, at every page split.
 */
class FilteredLogListingTest {
    private static final String V2_AT_10 = "00000000000000000010.checkpoint.0a1b2c3d-0000-4000-8000-000000000001.parquet";
    private static final String PARTS_AT_7 = "00000000000000000007.checkpoint.0000000001.0000000002.parquet";
    private static final int EXTRA_COMMITS = 1_000;

    @TempDir
    Path table;
    @TempDir
    Path spill;

    @Test
    void pagedListingsOfALargeLogAreTheSameSortedListWithOneCheckpointPerVersion() throws IOException {
        long latest = copyHistoryWithMoreCommits();
        FilteredLogStore view = new FilteredLogStore("history", new FileStore(table.toUri(), table),
                new LogGrant("region=EU", p -> "EU".equals(p.values().get("region"))),
                () -> new LogState(ColumnMapping.none(), Optional.of(new Protocol(1, 2, List.of(), List.of()))),
                new ArtifactCache(spill, 1L << 30, ProxyMetrics.NOOP));
        List<ObjectMeta> whole = listAll(view, 1000);
        List<String> keys = whole.stream().map(ObjectMeta::key).toList();
        assertEquals(latest + 1 + 2 + 1, keys.size(), "every commit, two checkpoints, _last_checkpoint");
        for (int i = 1; i < keys.size(); i++) {
            assertTrue(keys.get(i - 1).compareTo(keys.get(i)) < 0, "sorted, no duplicate: " + keys.get(i));
        }
        assertTrue(keys.contains("_delta_log/00000000000000000007.checkpoint.parquet"));
        assertTrue(keys.contains("_delta_log/00000000000000000010.checkpoint.parquet"));
        assertTrue(keys.stream().noneMatch(k -> k.endsWith(".crc") || k.contains("-4000-") || k.contains(".0000000001.")));
        List<ObjectMeta> halves = listAll(view, 600);
        assertEquals(keys, halves.stream().map(ObjectMeta::key).toList(), "pages of 600");
        assertEquals(whole.stream().map(ObjectMeta::etag).toList(), halves.stream().map(ObjectMeta::etag).toList());
        String from = "_delta_log/00000000000000000006.json";
        String to = "_delta_log/00000000000000000011.json";
        List<String> around = keys.stream().filter(k -> k.compareTo(from) > 0 && k.compareTo(to) <= 0).toList();
        assertEquals(7, around.size(), "7.checkpoint.parquet, 7.json, 8.json, 9.json, 10.checkpoint.parquet, 10.json, 11.json");
        for (int pageSize : List.of(1, 2, 3)) {
            assertEquals(around, listBetween(view, from, to, pageSize), "pages of " + pageSize + " around checkpoints");
        }
        for (ObjectMeta listed : whole.subList(0, 20)) {
            ObjectMeta head = view.head(listed.key());
            assertEquals(listed.size(), head.size(), listed.key());
            assertEquals(listed.etag(), head.etag(), listed.key());
        }
    }

    /** The keys after {@code from} up to {@code to}, in pages of {@code pageSize}, following continuation tokens. */
    private static List<String> listBetween(ObjectStore view, String from, String to, int pageSize) {
        List<String> keys = new ArrayList<>();
        Optional<String> token = Optional.empty();
        while (true) {
            ListPage page = view.list(new ListQuery("_delta_log/", Optional.empty(), Optional.of(from), token,
                    pageSize));
            for (ObjectMeta meta : page.objects()) {
                if (meta.key().compareTo(to) > 0) {
                    return keys;
                }
                keys.add(meta.key());
            }
            token = page.nextToken();
            if (token.isEmpty()) {
                return keys;
            }
        }
    }

    /** Every page, following continuation tokens. */
    private static List<ObjectMeta> listAll(ObjectStore view, int pageSize) {
        List<ObjectMeta> all = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ListPage page = view.list(new ListQuery("_delta_log/", Optional.empty(), Optional.empty(), token,
                    pageSize));
            all.addAll(page.objects());
            token = page.nextToken();
        } while (token.isPresent());
        return all;
    }

    /** Copies the fixture's log, adds the extra checkpoint files and commits; returns the latest version. */
    private long copyHistoryWithMoreCommits() throws IOException {
        Path source = ProjectPaths.fixtureTables().resolve("history/_delta_log");
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        long latest = -1;
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, log.resolve(file.getFileName()));
                String name = file.getFileName().toString();
                if (name.endsWith(".json")) {
                    latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
                }
            }
        }
        Files.copy(log.resolve("00000000000000000010.checkpoint.parquet"), log.resolve(V2_AT_10));
        Files.copy(log.resolve("00000000000000000007.checkpoint.parquet"), log.resolve(PARTS_AT_7));
        for (int i = 0; i < EXTRA_COMMITS; i++) {
            long version = ++latest;
            String region = i % 2 == 0 ? "EU" : "US";
            Files.writeString(log.resolve(String.format("%020d.json", version)),
                    "{\"commitInfo\":{\"timestamp\":" + (1_800_000_000_000L + version) + ",\"operation\":\"WRITE\"}}\n"
                            + "{\"add\":{\"path\":\"region=" + region + "/extra-" + version + ".parquet\","
                            + "\"partitionValues\":{\"region\":\"" + region + "\"},\"size\":10,"
                            + "\"modificationTime\":1,\"dataChange\":true}}\n");
        }
        return latest;
    }
}
