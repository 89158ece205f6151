package proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.time.Duration;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import proxy.api.metrics.ProxyMetrics.Outcome;

class LabelledMetricsTest {

    @Test
    void statusClassesCoverTwoHundredToFiveNinetyNine() {
        assertEquals("2xx", LabelledMetrics.statusClass(200));
        assertEquals("2xx", LabelledMetrics.statusClass(206));
        assertEquals("3xx", LabelledMetrics.statusClass(307));
        assertEquals("4xx", LabelledMetrics.statusClass(403));
        assertEquals("5xx", LabelledMetrics.statusClass(599));
        assertEquals("other", LabelledMetrics.statusClass(101));
        assertEquals("other", LabelledMetrics.statusClass(600));
    }

    @Test
    void labelValuesThatAreNotNamesNeverReachTheExposition() {
        assertEquals("GetObject", LabelledMetrics.label("GetObject"));
        assertEquals("sales.eu-1", LabelledMetrics.label("sales.eu-1"));
        assertEquals("unknown", LabelledMetrics.label(null));
        assertEquals("unknown", LabelledMetrics.label(""));
        assertEquals("other", LabelledMetrics.label("sales/date=2024-01-01/part-0.parquet"));
        assertEquals("other", LabelledMetrics.label("x".repeat(65)));
    }

    @Test
    void rememberedLabelValuesStayBoundedAndEveryNonNameStillCountsAsOther() {
        var registry = new PrometheusRegistry();
        var metrics = new LabelledMetrics(registry, true);
        for (int i = 0; i < 3000; i++) {
            metrics.requestCompleted("GetObject", 200, 1, Duration.ZERO, Outcome.PROXIED);
            metrics.requestCompleted("key/" + i, 200, 1, Duration.ZERO, Outcome.PROXIED);
        }
        var bytesByOperation = new TreeMap<String, Double>();
        registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("s3proxy_response_bytes"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .forEach(p -> bytesByOperation.put(p.getLabels().get("operation"), p.getValue()));
        assertEquals(new TreeMap<>(java.util.Map.of("GetObject", 3000.0, "other", 3000.0)), bytesByOperation);
    }
}
