package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proxy.api.auth.HttpRequestView;

class HttpDatesTest {

    @Test
    void conditionsParseHttpDatesAndIgnoreMalformedOnes() {
        var view = new HttpRequestView("GET", "/", "", Map.of("if-modified-since", List.of("Tue, 3 Jun 2008 11:05:30 GMT"),
                "if-unmodified-since", List.of("yesterday"), "if-match", List.of("\"a\"")));
        var conditions = HttpDates.conditions(view);
        assertEquals(Instant.parse("2008-06-03T11:05:30Z"), conditions.ifModifiedSince());
        assertNull(conditions.ifUnmodifiedSince());
        assertEquals("\"a\"", conditions.ifMatch());
        assertNull(conditions.ifNoneMatch());
    }
}
