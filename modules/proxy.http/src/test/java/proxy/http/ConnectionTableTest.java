package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {
    private static final InetAddress A = address(1);
    private static final InetAddress B = address(2);

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAddressAtItsLimitMakesRoomByClosingItsOwnOldestSilentConnection() {
        var table = new ConnectionTable<String>(2, 100);
        assertTrue(table.admit("a1", A).admitted());
        assertTrue(table.admit("a2", A).admitted());
        assertTrue(table.admit("b1", B).admitted());

        var third = table.admit("a3", A);

        assertTrue(third.admitted());
        assertEquals(List.of("a1"), third.evicted());
        assertFalse(table.activate("a1"), "an evicted connection cannot become active");
        assertEquals(3, table.size());
    }

    @Test
    void activeConnectionsAreNeverEvictedSoANewOneBeyondTheLimitIsRefused() {
        var table = new ConnectionTable<String>(2, 100);
        table.admit("a1", A);
        table.admit("a2", A);
        assertTrue(table.activate("a1"));
        assertTrue(table.activate("a2"));

        var third = table.admit("a3", A);

        assertFalse(third.admitted());
        assertEquals(List.of(), third.evicted());
        assertTrue(table.admit("b1", B).admitted(), "other addresses are not affected");
    }

    @Test
    void aFullEndpointClosesTheOldestSilentConnectionOfAnyAddressForANewOne() {
        var table = new ConnectionTable<String>(10, 3);
        table.admit("a1", A);
        table.admit("b1", B);
        table.admit("b2", B);
        table.activate("a1");

        var next = table.admit("a2", A);

        assertTrue(next.admitted());
        assertEquals(List.of("b1"), next.evicted());
        table.activate("a2");
        table.activate("b2");
        assertFalse(table.admit("b3", B).admitted(), "full of active connections: refused");
    }

    @Test
    void closedConnectionsFreeTheirSlots() {
        var table = new ConnectionTable<String>(1, 10);
        table.admit("a1", A);
        table.activate("a1");
        assertFalse(table.admit("a2", A).admitted());
        table.remove("a1");
        assertTrue(table.admit("a3", A).admitted());
        assertEquals(1, table.size());
    }

    @Test
    void stoppingForgetsTheSilentConnectionsOnly() {
        var table = new ConnectionTable<String>(10, 10);
        table.admit("a1", A);
        table.admit("a2", A);
        table.activate("a2");
        assertEquals(List.of("a1"), table.clearPending());
        assertEquals(1, table.size());
    }
}
