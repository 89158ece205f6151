package proxy.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who holds which of the endpoint's connections: per remote address and in all, each connection either
 * <em>pending</em> (accepted, no byte received yet) or <em>active</em>. Admission makes room by closing pending
 * connections, oldest first, never active ones: a client that opens connections and sends nothing can only ever
 * displace other silent connections (its own first), so it cannot lock out clients that talk. Thread-safe.
 *
 * @param <C> the connection handle
 */
final class ConnectionTable<C> {
    private final int maxPerAddress;
    private final int maxTotal;
    private final Map<InetAddress, Holder<C>> byAddress = new HashMap<>();
    private final LinkedHashSet<C> pending = new LinkedHashSet<>();
    private final Map<C, InetAddress> addresses = new HashMap<>();

    private static final class Holder<C> {
        int count;
        final LinkedHashSet<C> pending = new LinkedHashSet<>();
    }

    /** What admission decided: whether the new connection may stay, and which pending ones to close for it. */
    record Admission<C>(boolean admitted, List<C> evicted) {
    }

    ConnectionTable(int maxPerAddress, int maxTotal) {
        if (maxPerAddress < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
    }

    /**
     * Admits a new connection as pending, if need be by evicting the oldest pending connection of its address (when
     * the address is at its limit) and the oldest pending connection of all (when the endpoint is full). The
     * evicted connections are forgotten here; the caller closes them.
     */
    synchronized Admission<C> admit(C connection, InetAddress address) {
        Objects.requireNonNull(connection, "connection");
        Holder<C> holder = byAddress.computeIfAbsent(address, a -> new Holder<>());
        var evicted = new ArrayList<C>(2);
        if (holder.count >= maxPerAddress) {
            if (holder.pending.isEmpty()) {
                dropIfEmpty(address, holder);
                return new Admission<>(false, evicted);
            }
            evicted.add(forget(holder.pending.getFirst()));
        }
        if (addresses.size() >= maxTotal) {
            if (pending.isEmpty()) {
                dropIfEmpty(address, holder);
                return new Admission<>(false, evicted);
            }
            evicted.add(forget(pending.getFirst()));
        }
        holder = byAddress.computeIfAbsent(address, a -> new Holder<>());
        holder.count++;
        holder.pending.add(connection);
        pending.add(connection);
        addresses.put(connection, address);
        return new Admission<>(true, evicted);
    }

    /** Marks a connection active (its first byte arrived); false when it was evicted meanwhile. */
    synchronized boolean activate(C connection) {
        InetAddress address = addresses.get(connection);
        if (address == null) {
            return false;
        }
        pending.remove(connection);
        byAddress.get(address).pending.remove(connection);
        return true;
    }

    /** Forgets a connection that has closed; nothing when it is not held (already evicted). */
    synchronized void remove(C connection) {
        if (addresses.containsKey(connection)) {
            forget(connection);
        }
    }

    /** Connections held, pending and active. */
    synchronized int size() {
        return addresses.size();
    }

    /** Forgets the pending connections and returns them, for closing when the endpoint stops accepting. */
    synchronized List<C> clearPending() {
        var silent = new ArrayList<>(pending);
        silent.forEach(this::forget);
        return silent;
    }

    /** Forgets every connection and returns them, for closing at shutdown. */
    synchronized List<C> clear() {
        var all = new ArrayList<>(addresses.keySet());
        addresses.clear();
        pending.clear();
        byAddress.clear();
        return all;
    }

    private C forget(C connection) {
        InetAddress address = addresses.remove(connection);
        pending.remove(connection);
        Holder<C> holder = byAddress.get(address);
        holder.pending.remove(connection);
        holder.count--;
        dropIfEmpty(address, holder);
        return connection;
    }

    private void dropIfEmpty(InetAddress address, Holder<C> holder) {
        if (holder.count == 0) {
            byAddress.remove(address);
        }
    }
}
