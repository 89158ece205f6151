package proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00.250Z"));
    private final SlidingWindow window = new SlidingWindow(clock, Duration.ofSeconds(60));

    @Test
    void emptyWindowAveragesToZeroNotNaN() {
        assertEquals(new SlidingWindow.Stats(0, 0.0), window.stats());
        assertEquals(0.0, window.stats().average());
    }

    @Test
    void averagesValuesAcrossSecondsWithinTheWindow() {
        window.record(10);
        clock.advance(Duration.ofSeconds(30));
        window.record(20);
        window.record(60);
        assertEquals(new SlidingWindow.Stats(3, 90.0), window.stats());
        assertEquals(30.0, window.stats().average());
    }

    @Test
    void valuesLeaveTheWindowAfterSixtySeconds() {
        window.record(10);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, window.stats().count(), "59 s later the value is still in the window");
        window.record(30);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new SlidingWindow.Stats(1, 30.0), window.stats(), "60 s later the first value is gone");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(new SlidingWindow.Stats(0, 0.0), window.stats());
    }

    @Test
    void aReusedBucketForgetsItsOldSecond() {
        window.record(100);
        clock.advance(Duration.ofSeconds(120));
        window.record(1);
        assertEquals(new SlidingWindow.Stats(1, 1.0), window.stats());
    }

    @Test
    void rejectsSpansThatAreNotWholeSeconds() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(clock, Duration.ofMillis(1500)));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(clock, Duration.ZERO));
    }
}
