package proxy.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import proxy.api.metrics.ProxyMetrics.Outcome;

/**
 * The Prometheus-style {@code s3proxy_*} series. Labels are bounded: operations, status classes, table aliases,
 * cache names, outcomes, GET routings and S3 error codes; never object keys or principal names. Histograms are classic
 * (explicit buckets) so every exposition format carries them.
 *
 * <p>Without table labels ({@code metricsTableLabel: false}) the per-table series are registered without their
 * {@code table} label, so they count over every table, and {@code s3proxy_index_version} (meaningless summed) is
 * not registered at all: nothing on the metrics port names a table.
 */
final class LabelledMetrics {
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final int CHECKED_LIMIT = 1024;

    private final Histogram requestDuration;
    private final Counter responseBytes;
    private final Counter redirects;
    private final Histogram backendLatency;
    private final Counter authorizations;
    private final Counter authenticationFailures;
    private final Counter indexRefreshes;
    private final Histogram indexRefreshDuration;
    private final Gauge indexVersion;
    private final Counter cacheRequests;
    private final Histogram filteredLogBuild;
    private final Gauge inFlight;
    private final Counter getRouting;
    private final Counter writes;
    private final Counter writeBytes;
    private final boolean tableLabel;
    /** Label values already checked by {@link #label}: the same few names recur on every request. Bounded. */
    private final ConcurrentHashMap<String, String> checked = new ConcurrentHashMap<>();

    /** @param tableLabel whether per-table series carry a {@code table} label */
    LabelledMetrics(PrometheusRegistry registry, boolean tableLabel) {
        this.tableLabel = tableLabel;
        requestDuration = Histogram.builder().name("s3proxy_request_duration_seconds").classicOnly()
                .help("Request duration by S3 operation and HTTP status class")
                .labelNames("operation", "status").register(registry);
        responseBytes = Counter.builder().name("s3proxy_response_bytes_total")
                .help("Body bytes sent to clients by S3 operation").labelNames("operation").register(registry);
        redirects = Counter.builder().name("s3proxy_redirects_total")
                .help("Requests answered with a redirect to a presigned backend URL").register(registry);
        backendLatency = Histogram.builder().name("s3proxy_backend_latency_seconds").classicOnly()
                .help("Backend call latency by operation and outcome")
                .labelNames("operation", "outcome").register(registry);
        authorizations = Counter.builder().name("s3proxy_authorization_decisions_total")
                .help("Authorization decisions by table and result").labelNames(names("result")).register(registry);
        authenticationFailures = Counter.builder().name("s3proxy_authentication_failures_total")
                .help("Authentication failures by S3 error code").labelNames("reason").register(registry);
        indexRefreshes = Counter.builder().name("s3proxy_index_refreshes_total")
                .help("Table index refreshes by table and outcome").labelNames(names("outcome")).register(registry);
        indexRefreshDuration = Histogram.builder().name("s3proxy_index_refresh_duration_seconds").classicOnly()
                .help("Table index refresh duration by table").labelNames(names()).register(registry);
        indexVersion = tableLabel ? Gauge.builder().name("s3proxy_index_version")
                .help("Delta table version of the last successful index refresh")
                .labelNames("table").register(registry) : null;
        cacheRequests = Counter.builder().name("s3proxy_cache_requests_total")
                .help("Cache lookups by cache and result").labelNames("cache", "result").register(registry);
        filteredLogBuild = Histogram.builder().name("s3proxy_filtered_log_build_seconds")
                .classicUpperBounds(0.001, 0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30, 120)
                .help("Builds of filtered Delta log objects (deltaLog: filtered) by kind and outcome")
                .labelNames("kind", "outcome").register(registry);
        inFlight = Gauge.builder().name("s3proxy_requests_in_flight")
                .help("Requests being served").register(registry);
        getRouting = Counter.builder().name("s3proxy_get_routing_total")
                .help("Authorized GetObject requests by routing: redirect or stream, and why")
                .labelNames("routing").register(registry);
        writes = Counter.builder().name("s3proxy_writes_total")
                .help("Writes by table, kind (data, commit, log, delete) and outcome (written, denied, conflict,"
                        + " invalid, failed)").labelNames(names("kind", "outcome")).register(registry);
        writeBytes = Counter.builder().name("s3proxy_write_bytes_total")
                .help("Body bytes stored by writes, by table and kind").labelNames(names("kind")).register(registry);
    }

    void write(String table, String kind, String outcome, long bytes) {
        writes.labelValues(values(table, checkedLabel(kind), checkedLabel(outcome))).inc();
        writeBytes.labelValues(values(table, checkedLabel(kind))).inc(Math.max(0L, bytes));
    }

    /** Pairs with {@link #requestCompleted}: the proxy reports both for every request it accepts. */
    void requestStarted() {
        inFlight.inc();
    }

    void requestCompleted(String operation, int status, long bytesSent, Duration duration, Outcome outcome) {
        inFlight.dec();
        requestDuration.labelValues(checkedLabel(operation), statusClass(status))
                .observe(SpecMetrics.seconds(duration));
        responseBytes.labelValues(checkedLabel(operation)).inc(Math.max(0L, bytesSent));
        if (outcome == Outcome.REDIRECTED) {
            redirects.inc();
        }
    }

    void getRouted(String routing) {
        getRouting.labelValues(checkedLabel(routing)).inc();
    }

    void backendCall(String operation, boolean success, Duration latency) {
        backendLatency.labelValues(checkedLabel(operation), success ? "success" : "error")
                .observe(SpecMetrics.seconds(latency));
    }

    void authorization(String table, boolean allowed) {
        authorizations.labelValues(values(table, allowed ? "allow" : "deny")).inc();
    }

    void authenticationFailure(String reason) {
        authenticationFailures.labelValues(checkedLabel(reason)).inc();
    }

    void cacheAccess(String cache, boolean hit) {
        cacheRequests.labelValues(checkedLabel(cache), hit ? "hit" : "miss").inc();
    }

    void filteredLogBuild(String kind, boolean success, Duration duration) {
        filteredLogBuild.labelValues(checkedLabel(kind), success ? "success" : "error")
                .observe(SpecMetrics.seconds(duration));
    }

    void indexRefresh(String table, boolean success, Duration duration, long version) {
        indexRefreshes.labelValues(values(table, success ? "success" : "error")).inc();
        double seconds = SpecMetrics.seconds(duration);
        if (tableLabel) {
            indexRefreshDuration.labelValues(checkedLabel(table)).observe(seconds);
        } else {
            indexRefreshDuration.observe(seconds);
        }
        if (indexVersion != null && success && version >= 0) {
            indexVersion.labelValues(checkedLabel(table)).set(version);
        }
    }

    /** Label names: {@code table} first when tables are labelled, then {@code others}. */
    private String[] names(String... others) {
        return tableLabel ? prepend("table", others) : others;
    }

    /** Label values matching {@link #names}: the table's label first when tables are labelled. */
    private String[] values(String table, String... others) {
        return tableLabel ? prepend(checkedLabel(table), others) : others;
    }

    private static String[] prepend(String first, String[] rest) {
        var all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** {@link #label}, remembered for up to {@value #CHECKED_LIMIT} distinct values. */
    private String checkedLabel(String value) {
        if (value == null) {
            return label(null);
        }
        String known = checked.get(value);
        if (known == null) {
            known = label(value);
            if (checked.size() < CHECKED_LIMIT) {
                checked.put(value, known);
            }
        }
        return known;
    }

    /** {@code 2xx}, {@code 3xx}, {@code 4xx} or {@code 5xx}; anything else (1xx, nonsense) is {@code other}. */
    static String statusClass(int status) {
        return switch (status / 100) {
            case 2 -> "2xx";
            case 3 -> "3xx";
            case 4 -> "4xx";
            case 5 -> "5xx";
            default -> "other";
        };
    }

    /**
     * A label value as given when it looks like a name (an operation, alias, cache or error code); {@code unknown}
     * when missing and {@code other} when it does not, so an object key or a long string passed by mistake can
     * neither reach the exposition nor grow the number of series.
     */
    static String label(String value) {
        if (value == null || value.isEmpty()) {
            return "unknown";
        }
        return LABEL_VALUE.matcher(value).matches() ? value : "other";
    }
}
