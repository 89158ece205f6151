package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** Request ids: the S3 shapes, unique within a process, unrelated between processes. */
class RequestIdsTest {

    @Test
    void idsHaveTheShapesS3Uses() {
        var ids = new RequestIds().next();
        assertTrue(ids.requestId().matches("[0-9A-F]{16}"), ids.requestId());
        assertEquals(32, Base64.getDecoder().decode(ids.id2()).length, ids.id2());
    }

    @Test
    void noIdRepeatsWithinAProcess() {
        var ids = new RequestIds();
        var requestIds = new HashSet<String>();
        var ids2 = new HashSet<String>();
        for (int i = 0; i < 200_000; i++) {
            var next = ids.next();
            assertTrue(requestIds.add(next.requestId()), "repeated " + next.requestId());
            assertTrue(ids2.add(next.id2()), "repeated " + next.id2());
        }
    }

    @Test
    void twoProcessesStartFromUnrelatedIds() {
        assertNotEquals(new RequestIds().next().requestId(), new RequestIds().next().requestId());
    }

    @Test
    void consecutiveIdsShareNoObviousPattern() {
        var ids = new RequestIds();
        long a = Long.parseUnsignedLong(ids.next().requestId(), 16);
        long b = Long.parseUnsignedLong(ids.next().requestId(), 16);
        int differing = Long.bitCount(a ^ b);
        assertTrue(differing > 10 && differing < 54, "bits differing between consecutive ids: " + differing);
    }
}
