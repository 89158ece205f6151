package proxy.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many distinct names were seen over the last {@code span}. Names live only in this map, in memory, for
 * at most one span after their last sighting; they are never exported. Stale names are dropped whenever the
 * count is read and, at most once a second, on record, so memory is bounded by the names seen in one span.
 * Thread-safe.
 */
final class DistinctWindow {
    private final Clock clock;
    private final long spanMillis;
    private final Map<String, Long> lastSeen = new HashMap<>();
    private long lastPurge = Long.MIN_VALUE;

    DistinctWindow(Clock clock, Duration span) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.spanMillis = span.toMillis();
        if (spanMillis < 1) {
            throw new IllegalArgumentException("span must be positive: " + span);
        }
    }

    /** Notes that {@code name} was seen now. */
    synchronized void record(String name) {
        Objects.requireNonNull(name, "name");
        long now = clock.millis();
        lastSeen.put(name, now);
        if (now - lastPurge >= 1000L) {
            purge(now);
        }
    }

    /** The number of distinct names seen in the last {@code span}. */
    synchronized int count() {
        purge(clock.millis());
        return lastSeen.size();
    }

    private void purge(long now) {
        lastPurge = now;
        lastSeen.values().removeIf(seen -> now - seen >= spanMillis);
    }
}
