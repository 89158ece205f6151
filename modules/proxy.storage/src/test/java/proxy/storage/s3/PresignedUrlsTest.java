package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import proxy.testkit.TestClock;

class PresignedUrlsTest {
    private static final Duration TTL = Duration.ofSeconds(300);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T03:00:00Z"));
    private final List<String> signed = new ArrayList<>();
    private String accessKey = "AK1";
    private final List<Boolean> accesses = new ArrayList<>();
    private final PresignedUrls urls = new PresignedUrls((key, lifetime) -> {
        signed.add(key);
        return URI.create("http://b/" + key + "?n=" + signed.size() + "&ak=" + accessKey + "&t=" + lifetime);
    }, () -> accessKey, clock, accesses::add);

    @Test
    void aUrlIsReusedWhileThreeQuartersOfItsLifetimeRemain() {
        URI first = urls.get("t/a.parquet", TTL);
        clock.advance(Duration.ofSeconds(74));
        assertSame(first, urls.get("t/a.parquet", TTL));
        clock.advance(Duration.ofSeconds(1));
        URI second = urls.get("t/a.parquet", TTL);
        assertNotEquals(first, second);
        assertEquals(List.of("t/a.parquet", "t/a.parquet"), signed);
        assertEquals(List.of(false, true, false), accesses);
    }

    @Test
    void aUrlIsNeverReusedForAnotherKeyLifetimeOrAccessKey() {
        URI a = urls.get("t/a.parquet", TTL);
        assertNotEquals(a, urls.get("t/a.parquet2", TTL));
        assertNotEquals(a, urls.get("t/A.parquet", TTL));
        assertNotEquals(a, urls.get("t/a.parquet", Duration.ofSeconds(600)));
        accessKey = "AK2";
        URI rotated = urls.get("t/a.parquet", TTL);
        assertNotEquals(a, rotated);
        assertEquals(5, signed.size());
        assertSame(rotated, urls.get("t/a.parquet", TTL));
    }

    @Test
    void aClockThatWentBackSignsAfresh() {
        URI first = urls.get("k", TTL);
        clock.advance(Duration.ofSeconds(-1));
        assertNotEquals(first, urls.get("k", TTL));
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i <= PresignedUrls.MAX_ENTRIES; i++) {
            urls.get("k" + i, TTL);
        }
        urls.get("k0", TTL);
        assertEquals(PresignedUrls.MAX_ENTRIES + 2, signed.size());
    }
}
