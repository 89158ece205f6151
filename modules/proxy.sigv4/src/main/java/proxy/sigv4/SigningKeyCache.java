package proxy.sigv4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Derived SigV4 signing keys, per (access key, date, region, service), in a bounded LRU map. An entry remembers
 * the secret it was derived from, so a key whose secret changed (rotated in the database, or new backend
 * credentials) is derived afresh. Thread-safe.
 */
public final class SigningKeyCache {

    private record CacheKey(String accessKey, String date, String region, String service) {
    }

    private record Derived(String secret, SigningKey signingKey) {
    }

    private final Consumer<Boolean> accesses;
    private final Map<CacheKey, Derived> entries;

    /**
     * @param maxEntries how many keys are kept (least recently used dropped first)
     * @param accesses   told of every look-up: {@code true} for a hit (for metrics)
     */
    public SigningKeyCache(int maxEntries, Consumer<Boolean> accesses) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.accesses = Objects.requireNonNull(accesses, "accesses");
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<CacheKey, Derived> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The signing key of a secret for a scope ({@code date} is {@code yyyyMMdd}). */
    public SigningKey signingKey(String accessKey, String secret, String date, String region, String service) {
        var key = new CacheKey(accessKey, date, region, service);
        Derived entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        boolean hit = entry != null && entry.secret().equals(secret);
        accesses.accept(hit);
        if (hit) {
            return entry.signingKey();
        }
        SigningKey derived = SigningKey.derive(secret, date, region, service);
        synchronized (entries) {
            entries.put(key, new Derived(secret, derived));
        }
        return derived;
    }
}
