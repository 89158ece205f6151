package proxy.storage.s3;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Presigned GET URLs, each reused while at least three quarters of its lifetime remain: a URL handed out is valid
 * for at least {@code 3/4} of the asked lifetime (225 s of the default 300), and presigning (a SigV4 signature)
 * runs once per object and quarter lifetime instead of on every 307. An entry is found only by the exact backend
 * key, the lifetime and the access key it was signed with, so a URL is never reused for another object, and
 * rotated credentials sign afresh. A URL carries no principal and no range (the client sends its range as a
 * header); every request is authorized before a URL is looked up. At most {@value #MAX_ENTRIES} URLs are kept;
 * when that many are held the cache starts afresh.
 */
final class PresignedUrls {
    static final int MAX_ENTRIES = 4_096;

    /** What a URL is found by. */
    private record Key(String backendKey, Duration lifetime, String accessKey) {
    }

    private record Entry(URI url, Instant signedAt) {
    }

    /** Signs a new URL: (backend key, lifetime) to URL. */
    interface Presigner {
        URI presign(String backendKey, Duration lifetime);
    }

    private final ConcurrentHashMap<Key, Entry> urls = new ConcurrentHashMap<>();
    private final Presigner presigner;
    private final Supplier<String> accessKey;
    private final Clock clock;
    private final Consumer<Boolean> accesses;

    /**
     * @param accessKey the access key the next signature would use
     * @param clock     the clock the presigner signs with
     * @param accesses  told of every look-up: {@code true} when a URL was reused (for metrics)
     */
    PresignedUrls(Presigner presigner, Supplier<String> accessKey, Clock clock, Consumer<Boolean> accesses) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accesses = Objects.requireNonNull(accesses, "accesses");
    }

    /** A URL of {@code backendKey} valid for at least 3/4 of {@code lifetime} from now. */
    URI get(String backendKey, Duration lifetime) {
        var key = new Key(backendKey, lifetime, accessKey.get());
        Instant now = clock.instant();
        Entry entry = urls.get(key);
        if (entry != null && !now.isBefore(entry.signedAt())
                && now.isBefore(entry.signedAt().plus(lifetime.dividedBy(4)))) {
            accesses.accept(true);
            return entry.url();
        }
        accesses.accept(false);
        URI url = presigner.presign(backendKey, lifetime);
        if (urls.size() >= MAX_ENTRIES) {
            urls.clear();
        }
        urls.put(key, new Entry(url, now));
        return url;
    }
}
