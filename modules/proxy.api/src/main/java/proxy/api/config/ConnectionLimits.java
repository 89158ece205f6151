package proxy.api.config;

/**
 * What one client can hold of the S3 endpoint's connections (key {@code connections}).
 *
 * <p>A connection is <em>pending</em> from its accept until its first byte arrives. Pending connections are the
 * cheap way to exhaust a server (open, send nothing, repeat), so they are cut after {@code firstByteTimeoutSeconds},
 * and a pending connection is the first to go when a new connection needs room: the oldest pending connection of
 * the same address when that address is at {@code maxPerAddress}, else the oldest pending one of all when the
 * endpoint is full.
 *
 * <p>With {@code guard} off, none of this applies: the JDK HTTP server takes the public port itself, as for a
 * deployment behind a load balancer that already bounds connections per client. It saves one loopback hop per
 * request, and loses the per-address limit, the first-byte timeout and the silent-first eviction (the JDK server's
 * one global limit then counts silent connections too, so one client can fill it).
 *
 * @param maxPerAddress           connections (pending and active) one remote IP address may hold at once; a new
 *                                connection beyond it is closed at once unless a pending one of that address makes
 *                                room
 * @param firstByteTimeoutSeconds how long a new connection may stay silent before it is closed
 * @param max                     connections the endpoint holds in all; a new connection beyond it is closed at once
 *                                unless a pending one makes room
 * @param guard                   whether the proxy accepts connections itself and enforces the limits above
 *                                (default); {@code false} binds the JDK server directly on the public address
 */
public record ConnectionLimits(int maxPerAddress, int firstByteTimeoutSeconds, int max, boolean guard) {
    /** 256 connections per address, 5 seconds to the first byte, 4096 connections in all, guarded. */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(256, 5, 4096);

    /** Guarded limits. */
    public ConnectionLimits(int maxPerAddress, int firstByteTimeoutSeconds, int max) {
        this(maxPerAddress, firstByteTimeoutSeconds, max, true);
    }

    public ConnectionLimits {
        if (maxPerAddress < 1 || maxPerAddress > 1_000_000) {
            throw new ConfigException("connections.maxPerAddress", "must be between 1 and 1000000");
        }
        if (firstByteTimeoutSeconds < 1 || firstByteTimeoutSeconds > 600) {
            throw new ConfigException("connections.firstByteTimeoutSeconds", "must be between 1 and 600");
        }
        if (max < 1 || max > 1_000_000) {
            throw new ConfigException("connections.max", "must be between 1 and 1000000");
        }
    }
}
