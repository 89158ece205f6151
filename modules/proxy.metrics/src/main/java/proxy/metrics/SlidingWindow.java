package proxy.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The count and sum of values recorded over the last {@code span} (whole seconds), in per-second buckets on
 * a ring: a bucket is reused once its second has left the window. Time comes from the injected clock, so a
 * test can move it. Thread-safe: a short lock guards the ring (one update per request).
 */
final class SlidingWindow {

    /** What a window holds now. */
    record Stats(long count, double sum) {
        /** The mean, or 0 for an empty window (never NaN). */
        double average() {
            return count == 0 ? 0.0 : sum / count;
        }
    }

    private final Clock clock;
    private final long[] seconds;
    private final long[] counts;
    private final double[] sums;

    SlidingWindow(Clock clock, Duration span) {
        this.clock = Objects.requireNonNull(clock, "clock");
        int buckets = Math.toIntExact(span.toSeconds());
        if (buckets < 1 || span.toNanosPart() != 0) {
            throw new IllegalArgumentException("span must be a positive whole number of seconds: " + span);
        }
        this.seconds = new long[buckets];
        this.counts = new long[buckets];
        this.sums = new double[buckets];
        java.util.Arrays.fill(seconds, Long.MIN_VALUE);
    }

    /** Records one value at the clock's current second. */
    synchronized void record(double value) {
        long now = nowSecond();
        int slot = slot(now);
        if (seconds[slot] != now) {
            seconds[slot] = now;
            counts[slot] = 0;
            sums[slot] = 0.0;
        }
        counts[slot]++;
        sums[slot] += value;
    }

    /** The values recorded in the last {@code span} seconds, the current second included. */
    synchronized Stats stats() {
        long oldest = nowSecond() - seconds.length + 1;
        long count = 0;
        double sum = 0.0;
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] >= oldest) {
                count += counts[i];
                sum += sums[i];
            }
        }
        return new Stats(count, sum);
    }

    private long nowSecond() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) seconds.length);
    }
}
