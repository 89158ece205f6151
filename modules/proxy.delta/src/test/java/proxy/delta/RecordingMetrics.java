package proxy.delta;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import proxy.api.metrics.ProxyMetrics;

/** Counts the index events a table reports. */
final class RecordingMetrics implements ProxyMetrics {
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicInteger failedRefreshes = new AtomicInteger();
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger misses = new AtomicInteger();

    @Override
    public void cacheAccess(String cache, boolean hit) {
        (hit ? hits : misses).incrementAndGet();
    }

    @Override
    public void indexRefresh(String table, boolean success, Duration duration, long version) {
        (success ? refreshes : failedRefreshes).incrementAndGet();
    }
}
