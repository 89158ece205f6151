package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Range conformance (RFC 9110 and S3: the unit is case-insensitive; positions beyond 2^63-1 never turn into a full
 * 200) and the elements S3 error bodies carry ({@code BucketName}, {@code Key}), over raw sockets.
 */
class RangeAndErrorBodyTest {
    private static final String OBJECT = "/datalake/trades/date=2024-01-01/part-0.parquet";
    private static final String HUGE = "99999999999999999999";
    private final byte[] data = new byte[1000];
    private TestServer server;

    @BeforeEach
    void start() {
        new Random(3).nextBytes(data);
        server = new TestServer();
        server.trades.put("date=2024-01-01/part-0.parquet", data).put("date=2024-01-01/secret.parquet", "no");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bytes=0-1", "BYTES=0-1", "bYtEs=0-1"})
    void rangeUnitIsCaseInsensitive(String range) throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            var response = server.raw(method, OBJECT, "Range: " + range);
            assertEquals(206, response.status(), method + " " + range);
            assertEquals("bytes 0-1/1000", response.headers().get("content-range"));
            if (method.equals("GET")) {
                assertArrayEquals(Arrays.copyOfRange(data, 0, 2), response.body());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=" + HUGE + "-", "bytes=9223372036854775808-", "bytes=" + HUGE + "-" + HUGE,
        "bytes=9223372036854775807-9223372036854775808"})
    void firstPositionBeyondTheLongRangeIsUnsatisfiable(String range) throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            var response = server.raw(method, OBJECT, "Range: " + range);
            assertEquals(416, response.status(), method + " " + range);
            if (method.equals("GET")) {
                assertTrue(response.text().contains("<Code>InvalidRange</Code>"), response.text());
            }
        }
    }

    @Test
    void lastPositionOrSuffixBeyondTheLongRangeReachesTheEnd() throws Exception {
        var closed = server.raw("GET", OBJECT, "Range: bytes=10-" + HUGE);
        assertEquals(206, closed.status());
        assertEquals("bytes 10-999/1000", closed.headers().get("content-range"));
        assertArrayEquals(Arrays.copyOfRange(data, 10, 1000), closed.body());
        var suffix = server.raw("GET", OBJECT, "Range: bytes=-" + HUGE);
        assertEquals(206, suffix.status());
        assertEquals("bytes 0-999/1000", suffix.headers().get("content-range"));
        var head = server.raw("HEAD", OBJECT, "Range: bytes=0-" + HUGE + HUGE);
        assertEquals(206, head.status());
        assertEquals("1000", head.headers().get("content-length"));
    }

    /** An invalid range (last before first, even among huge numbers) is ignored, as S3 and RFC 9110 do. */
    @Test
    void invalidRangesAreIgnored() throws Exception {
        for (String range : List.of("bytes=" + HUGE + "-" + HUGE.replace("99999", "99998"), "bytes=5-4",
                "items=0-1", "bytes=0-1,3-4")) {
            var response = server.raw("GET", OBJECT, "Range: " + range);
            assertEquals(200, response.status(), range);
            assertArrayEquals(data, response.body(), range);
        }
    }

    @Test
    void noSuchBucketNamesTheBucket() throws Exception {
        var response = server.raw("GET", "/other-bucket/trades/x");
        assertEquals(404, response.status());
        assertTrue(response.text().contains("<Code>NoSuchBucket</Code>"), response.text());
        assertTrue(response.text().contains("<BucketName>other-bucket</BucketName>"), response.text());
        assertFalse(response.text().contains("<Key>"), response.text());
    }

    @Test
    void noSuchBucketWithCharactersXmlCannotCarryNamesNoBucket() throws Exception {
        var response = server.raw("GET", "/oth%01er/trades/x");
        assertEquals(404, response.status());
        assertTrue(response.text().contains("<Code>NoSuchBucket</Code>"), response.text());
        assertFalse(response.text().contains("<BucketName>"), response.text());
    }

    @Test
    void noSuchKeyNamesTheKey() throws Exception {
        var directory = server.raw("GET", "/datalake/trades/date=2024-01-01/");
        assertEquals(404, directory.status());
        assertTrue(directory.text().contains("<Key>trades/date=2024-01-01/</Key>"), directory.text());
        var absent = server.raw("GET", "/datalake/trades/date=2024-01-01/gone%20away.parquet");
        assertEquals(404, absent.status());
        assertTrue(absent.text().contains("<Code>NoSuchKey</Code>"), absent.text());
        assertTrue(absent.text().contains("<Key>trades/date=2024-01-01/gone away.parquet</Key>"), absent.text());
        assertFalse(absent.text().contains("<BucketName>"), absent.text());
    }

    /** A forbidden key that exists and one that does not answer alike: 403 AccessDenied naming no key. */
    @Test
    void forbiddenAndAbsentForbiddenKeysHaveTheSameBody() throws Exception {
        var present = server.raw("GET", "/datalake/trades/date=2024-01-01/secret.parquet");
        var absent = server.raw("GET", "/datalake/trades/date=2024-01-01/secret.pArquet");
        assertEquals(403, present.status());
        assertEquals(403, absent.status());
        assertEquals(shape(present), shape(absent));
        assertFalse(present.text().contains("<Key>"), present.text());
    }

    /** The body without the parts that name the request itself. */
    private static String shape(TestServer.RawResponse response) {
        return response.text().replaceAll("<RequestId>[^<]*</RequestId>", "")
                .replaceAll("<Resource>[^<]*</Resource>", "");
    }
}
