package proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DistinctWindowTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DistinctWindow window = new DistinctWindow(clock, Duration.ofSeconds(60));

    @Test
    void countsEachNameOnce() {
        window.record("alice");
        window.record("bob");
        window.record("alice");
        assertEquals(2, window.count());
    }

    @Test
    void namesExpireSixtySecondsAfterTheirLastSighting() {
        window.record("alice");
        window.record("bob");
        clock.advance(Duration.ofSeconds(40));
        window.record("alice");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, window.count(), "bob was last seen 60 s ago, alice 20 s ago");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(0, window.count());
    }
}
