package proxy.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;

/**
 * The behaviour every {@link ObjectStore} shares, run against each implementation over {@link StoreFixture}:
 * S3 listing semantics, GET (whole and ranged), HEAD, conditions and missing keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ObjectStoreContract {

    /** The store serving {@link StoreFixture} at its root. */
    protected abstract ObjectStore store();

    protected static ListQuery query(String prefix, String delimiter, String startAfter, String token, int max) {
        return new ListQuery(prefix, Optional.ofNullable(delimiter), Optional.ofNullable(startAfter),
                Optional.ofNullable(token), max);
    }

    private static List<String> keys(ListPage page) {
        return page.objects().stream().map(ObjectMeta::key).toList();
    }

    @Test
    void flatListingIsEveryKeyInUtf8ByteOrder() {
        ListPage page = store().list(query("", null, null, null, 1000));

        assertEquals(StoreFixture.sortedKeys(), keys(page));
        assertEquals(List.of(), page.commonPrefixes());
        assertFalse(page.truncated());
    }

    @Test
    void flatOrderPutsDashAndDotBeforeSlashAndDigitsAfter() {
        List<String> listed = keys(store().list(query("a", null, null, null, 1000)));

        assertEquals(List.of("a-b.txt", "a.txt", "a/b.txt", "a/c/d.bin", "a/c/e.bin", "a0.txt"), listed);
    }

    @Test
    void delimiterRollsDirectoriesUpIntoCommonPrefixes() {
        ListPage page = store().list(query("", "/", null, null, 1000));

        assertEquals(List.of("a-b.txt", "a.txt", "a0.txt", StoreFixture.BIG), keys(page));
        assertEquals(List.of("_delta_log/", "a/", "date=2024-01-01/", "date=2024-01-02/", "pct%20/", "sp ace/",
                "z/", "ünï/"), page.commonPrefixes());
    }

    @Test
    void prefixWithDelimiterListsOneLevel() {
        ListPage page = store().list(query("a/", "/", null, null, 1000));

        assertEquals(List.of("a/b.txt"), keys(page));
        assertEquals(List.of("a/c/"), page.commonPrefixes());
    }

    @Test
    void prefixInTheMiddleOfANameMatchesByString() {
        assertEquals(List.of("date=2024-01-01/part-0000.parquet", "date=2024-01-01/part-0001.parquet",
                "date=2024-01-02/part-0000.parquet"), keys(store().list(query("date=2024-01-0", null, null, null,
                1000))));
        ListPage rolled = store().list(query("date=2024-01-0", "/", null, null, 1000));
        assertEquals(List.of("date=2024-01-01/", "date=2024-01-02/"), rolled.commonPrefixes());
        assertEquals(List.of(), rolled.objects());
    }

    @Test
    void prefixMatchingNothingListsNothing() {
        ListPage page = store().list(query("nope/", "/", null, null, 1000));

        assertEquals(List.of(), page.objects());
        assertEquals(List.of(), page.commonPrefixes());
        assertFalse(page.truncated());
    }

    @Test
    void specialCharacterKeysListAsTheyAre() {
        assertEquals(List.of("pct%20/p+q:r=s.parquet"), keys(store().list(query("pct%20/", null, null, null, 10))));
        assertEquals(List.of("sp ace/x y.parquet"), keys(store().list(query("sp ace/", null, null, null, 10))));
        assertEquals(List.of("ünï/çødé.parquet"), keys(store().list(query("ünï/", null, null, null, 10))));
        assertEquals(List.of("z/.hidden.tmp", "z/y/x/w.bin"), keys(store().list(query("z/", null, null, null, 10))));
    }

    @Test
    void startAfterSkipsEverythingUpToAndIncludingIt() {
        List<String> all = StoreFixture.sortedKeys();
        int at = all.indexOf("a/b.txt");

        assertEquals(all.subList(at + 1, all.size()), keys(store().list(query("", null, "a/b.txt", null, 1000))));
        assertEquals(all.stream().filter(k -> StoreFixture.UTF8.compare(k, "b") > 0).toList(),
                keys(store().list(query("", null, "b", null, 1000))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void flatPaginationConcatenatesToTheFullOrder(int maxKeys) {
        var seen = new ArrayList<String>();
        String token = null;
        int pages = 0;
        do {
            ListPage page = store().list(query("", null, null, token, maxKeys));
            assertTrue(page.objects().size() <= maxKeys);
            seen.addAll(keys(page));
            token = page.nextToken().orElse(null);
            pages++;
            assertTrue(pages <= 100, "pagination does not terminate");
        } while (token != null);

        assertEquals(StoreFixture.sortedKeys(), seen);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void delimitedPaginationResumesAfterCommonPrefixes(int maxKeys) {
        ListPage whole = store().list(query("", "/", null, null, 1000));
        var objects = new ArrayList<String>();
        var prefixes = new ArrayList<String>();
        String token = null;
        do {
            ListPage page = store().list(query("", "/", null, token, maxKeys));
            assertTrue(page.objects().size() + page.commonPrefixes().size() <= maxKeys);
            objects.addAll(keys(page));
            prefixes.addAll(page.commonPrefixes());
            token = page.nextToken().orElse(null);
        } while (token != null);

        assertEquals(keys(whole), objects);
        assertEquals(whole.commonPrefixes(), prefixes);
    }

    @Test
    void pageEndingOnACommonPrefixContinuesPastItsKeys() {
        ListPage first = store().list(query("a", "/", null, null, 2));
        assertEquals(List.of("a-b.txt", "a.txt"), keys(first));

        ListPage second = store().list(query("a", "/", null, first.nextToken().orElseThrow(), 1));
        assertEquals(List.of("a/"), second.commonPrefixes());
        assertTrue(second.truncated());

        ListPage third = store().list(query("a", "/", null, second.nextToken().orElseThrow(), 1));
        assertEquals(List.of("a0.txt"), keys(third));
        assertEquals(List.of(), third.commonPrefixes());
        assertFalse(third.truncated());
    }

    @Test
    void getReturnsTheWholeObject() throws IOException {
        byte[] expected = StoreFixture.objects().get(StoreFixture.BIG);
        try (ObjectContent content = store().get(StoreFixture.BIG, Optional.empty(), Conditions.NONE)) {
            assertEquals(expected.length, content.length());
            assertEquals(expected.length, content.meta().size());
            assertTrue(content.range().isEmpty());
            assertArrayEquals(expected, content.body().readAllBytes());
        }
    }

    @Test
    void getOfSpecialCharacterKeysReturnsTheirContent() throws IOException {
        for (String key : List.of("pct%20/p+q:r=s.parquet", "sp ace/x y.parquet", "ünï/çødé.parquet")) {
            try (ObjectContent content = store().get(key, Optional.empty(), Conditions.NONE)) {
                assertArrayEquals(StoreFixture.objects().get(key), content.body().readAllBytes(), key);
            }
        }
    }

    @Test
    void closedRangeReturnsExactlyThoseBytes() throws IOException {
        assertRange(new ByteRange.Closed(10, 19), 10, 19);
    }

    @Test
    void closedRangePastTheEndIsClamped() throws IOException {
        assertRange(new ByteRange.Closed(StoreFixture.BIG_SIZE - 10, StoreFixture.BIG_SIZE + 500),
                StoreFixture.BIG_SIZE - 10, StoreFixture.BIG_SIZE - 1);
    }

    @Test
    void openRangeRunsToTheEnd() throws IOException {
        assertRange(new ByteRange.From(99_000), 99_000, StoreFixture.BIG_SIZE - 1);
    }

    @Test
    void suffixRangeReturnsTheLastBytes() throws IOException {
        assertRange(new ByteRange.Suffix(7), StoreFixture.BIG_SIZE - 7, StoreFixture.BIG_SIZE - 1);
    }

    @Test
    void rangeStartingPastTheEndIsInvalidRange() {
        S3Exception e = assertThrows(S3Exception.class, () -> store().get(StoreFixture.BIG,
                Optional.of(new ByteRange.From(StoreFixture.BIG_SIZE)), Conditions.NONE));
        assertEquals(S3ErrorCode.INVALID_RANGE, e.code());
    }

    private void assertRange(ByteRange range, int first, int last) throws IOException {
        byte[] expected = Arrays.copyOfRange(StoreFixture.objects().get(StoreFixture.BIG), first, last + 1);
        try (ObjectContent content = store().get(StoreFixture.BIG, Optional.of(range), Conditions.NONE)) {
            assertEquals(new ByteRange.Resolved(first, last, StoreFixture.BIG_SIZE), content.range().orElseThrow());
            assertEquals(expected.length, content.length());
            assertEquals(StoreFixture.BIG_SIZE, content.meta().size());
            assertArrayEquals(expected, content.body().readAllBytes());
        }
    }

    @Test
    void headDescribesTheObjectLikeGet() throws IOException {
        ObjectMeta head = store().head("_delta_log/00000000000000000001.json");

        assertEquals("_delta_log/00000000000000000001.json", head.key());
        assertEquals(StoreFixture.objects().get(head.key()).length, head.size());
        assertTrue(head.etag().startsWith("\"") && head.etag().endsWith("\"") && head.etag().length() > 2);
        assertTrue(head.lastModified().isAfter(Instant.now().minus(1, ChronoUnit.DAYS)));
        try (ObjectContent content = store().get(head.key(), Optional.empty(), Conditions.NONE)) {
            assertEquals(head.etag(), content.meta().etag());
        }
    }

    @Test
    void ifNoneMatchTheEtagIsNotModified() {
        String etag = store().head("a.txt").etag();
        assertCondition(new Conditions(null, etag, null, null), S3ErrorCode.NOT_MODIFIED);
    }

    @Test
    void ifMatchAnotherEtagFailsThePrecondition() {
        assertCondition(new Conditions("\"0123456789abcdef0123456789abcdef\"", null, null, null),
                S3ErrorCode.PRECONDITION_FAILED);
    }

    @Test
    void ifModifiedSinceTheFutureIsNotModified() {
        assertCondition(new Conditions(null, null, Instant.now().plus(1, ChronoUnit.DAYS), null),
                S3ErrorCode.NOT_MODIFIED);
    }

    @Test
    void ifUnmodifiedSinceThePastFailsThePrecondition() {
        assertCondition(new Conditions(null, null, null, Instant.now().minus(1, ChronoUnit.DAYS)),
                S3ErrorCode.PRECONDITION_FAILED);
    }

    @Test
    void matchingConditionsServeTheObject() throws IOException {
        String etag = store().head("a.txt").etag();
        var conditions = new Conditions(etag, "\"something-else\"", Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(1, ChronoUnit.DAYS));
        try (ObjectContent content = store().get("a.txt", Optional.empty(), conditions)) {
            assertArrayEquals(StoreFixture.objects().get("a.txt"), content.body().readAllBytes());
        }
    }

    private void assertCondition(Conditions conditions, S3ErrorCode expected) {
        S3Exception e = assertThrows(S3Exception.class, () -> store().get("a.txt", Optional.empty(), conditions));
        assertEquals(expected, e.code());
    }

    @Test
    void missingKeysAndDirectoriesAreNoSuchKey() {
        for (String key : List.of("missing.txt", "a/missing", "a", "a/c", "date=2024-01-01")) {
            assertEquals(S3ErrorCode.NO_SUCH_KEY,
                    assertThrows(S3Exception.class, () -> store().head(key), key).code());
            assertEquals(S3ErrorCode.NO_SUCH_KEY, assertThrows(S3Exception.class,
                    () -> store().get(key, Optional.empty(), Conditions.NONE), key).code());
        }
    }
}
