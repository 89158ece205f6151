package proxy.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningTimeTest {

    @Test
    void basicTimestampsParseToTheirInstant() {
        assertEquals(Optional.of(Instant.parse("2024-01-02T03:04:05Z")), SigningTime.parseBasic("20240102T030405Z"));
        assertEquals(Optional.of(Instant.parse("2024-02-29T23:59:59Z")), SigningTime.parseBasic("20240229T235959Z"));
        assertEquals("20240102T030405Z", SigningTime.basic(Instant.parse("2024-01-02T03:04:05.9Z")));
    }

    @Test
    void malformedOrImpossibleTimestampsAreRefused() {
        for (String bad : new String[] {"", "20240102T030405", "20240102T030405z", "20240102 030405Z",
                "2024010T2030405Z", "20240102T0304056Z", "2024-102T030405Z", "20240230T000000Z", "20231301T000000Z",
                "20240102T240000Z", "20240102T006000Z", "20240102T000060Z", "２０240102T030405Z", "+0240102T030405Z",
                "20240102T03040５Z"}) {
            assertEquals(Optional.empty(), SigningTime.parseBasic(bad), bad);
        }
    }
}
