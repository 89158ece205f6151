package proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
