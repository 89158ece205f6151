package proxy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written IMF-fixdate reads and writes what the JDK's formatter does, and nothing else. */
class HttpDateTest {
    private static final DateTimeFormatter JDK =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void writesAndReadsWhatTheJdkFormatterDoes() {
        var random = new SplittableRandom(19);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(i < 10_000 ? random.nextLong(0, 7_258_118_400L) : random.nextLong(min, max),
                    random.nextInt(1_000_000_000));
            String text = HttpDate.format(t);
            assertEquals(JDK.format(t), text);
            assertEquals(t.getEpochSecond(), HttpDate.parseImfFixdate(text).getEpochSecond(), text);
        }
        assertEquals("Tue, 03 Jun 2008 11:05:30 GMT", HttpDate.format(Instant.parse("2008-06-03T11:05:30.250Z")));
        assertEquals("Thu, 29 Feb 2024 23:59:59 GMT", HttpDate.format(Instant.parse("2024-02-29T23:59:59.999Z")));
        assertEquals(JDK.format(Instant.parse("+10000-01-01T00:00:00Z")),
                HttpDate.format(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void anythingButAnExactImfFixdateIsLeftToTheCaller() {
        for (String text : new String[] {"Wed, 03 Jun 2008 11:05:30 GMT", "Tue, 3 Jun 2008 11:05:30 GMT",
            "Tue, 03 jun 2008 11:05:30 GMT", "Tue, 03 Jun 2008 11:05:30 UTC", "Tue, 03 Jun 2008 24:05:30 GMT",
            "Tue, 03 Jun 2008 11:60:30 GMT", "Tue, 03 Jun 2008 11:05:60 GMT", "Thu, 31 Apr 2008 11:05:30 GMT",
            "Fri, 29 Feb 2008 11:05:30 GMT".replace("Fri", "Sun").replace("2008", "2009"),
            "Tuesday, 03-Jun-08 11:05:30 GMT", "Tue Jun  3 11:05:30 2008", "Tue, 0\u0663 Jun 2008 11:05:30 GMT",
            "Tue, 03 Jun 2008 11:05:30 GMT ", ""}) {
            assertNull(HttpDate.parseImfFixdate(text), text);
        }
        assertEquals(Instant.parse("2008-06-03T11:05:30Z"), HttpDate.parseImfFixdate("Tue, 03 Jun 2008 11:05:30 GMT"));
    }

    @Test
    void parseAlsoReadsWhatRfc1123AllowsAndNothingElse() {
        Instant t = Instant.parse("2008-06-03T11:05:30Z");
        assertEquals(Optional.of(t), HttpDate.parse(" Tue, 03 Jun 2008 11:05:30 GMT "));
        assertEquals(Optional.of(t), HttpDate.parse("Tue, 3 Jun 2008 11:05:30 GMT"));
        assertEquals(Optional.of(t), HttpDate.parse("3 Jun 2008 13:05:30 +0200"));
        assertEquals(Optional.empty(), HttpDate.parse("Wed, 03 Jun 2008 11:05:30 GMT"));
        assertEquals(Optional.empty(), HttpDate.parse("Tuesday, 03-Jun-08 11:05:30 GMT"));
        assertEquals(Optional.empty(), HttpDate.parse("yesterday"));
    }
}
