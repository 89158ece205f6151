package proxy.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import proxy.api.metrics.ProxyMetrics.Outcome;

/**
 * The five metrics the specification names, kept under exactly those names: two counters and three gauges
 * computed at scrape time from 60-second sliding windows on the injected clock.
 *
 * <p>The client library treats {@code _total} as the counter suffix: it strips it from the counter's name and
 * appends it to the sample, so the samples read {@code queries_served_total} and {@code queries_proxied_total}.
 */
final class SpecMetrics {
    static final Duration WINDOW = Duration.ofSeconds(60);

    private final Counter served;
    private final Counter proxied;
    private final DistinctWindow users;
    private final SlidingWindow backendLatency;
    private final SlidingWindow messageSize;

    SpecMetrics(PrometheusRegistry registry, Clock clock) {
        this.users = new DistinctWindow(clock, WINDOW);
        this.backendLatency = new SlidingWindow(clock, WINDOW);
        this.messageSize = new SlidingWindow(clock, WINDOW);
        this.served = Counter.builder().name("queries_served_total")
                .help("Requests completed").register(registry);
        this.proxied = Counter.builder().name("queries_proxied_total")
                .help("Requests whose body was streamed from the backend").register(registry);
        GaugeWithCallback.builder().name("unique_users_last_minute")
                .help("Distinct verified principals over the last 60 seconds")
                .callback(cb -> cb.call(users.count())).register(registry);
        GaugeWithCallback.builder().name("backend_reply_latency_seconds_avg")
                .help("Average backend call latency in seconds over the last 60 seconds")
                .callback(cb -> cb.call(backendLatency.stats().average())).register(registry);
        GaugeWithCallback.builder().name("average_message_size_bytes")
                .help("Average body bytes sent per completed request over the last 60 seconds")
                .callback(cb -> cb.call(messageSize.stats().average())).register(registry);
    }

    /** A request ended; {@code principal} is null when it was not authenticated. */
    void requestCompleted(long bytesSent, String principal, Outcome outcome) {
        served.inc();
        if (outcome == Outcome.PROXIED) {
            proxied.inc();
        }
        if (principal != null) {
            users.record(principal);
        }
        messageSize.record(Math.max(0L, bytesSent));
    }

    /** A backend call ended, successful or not. */
    void backendCall(Duration latency) {
        backendLatency.record(seconds(latency));
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
