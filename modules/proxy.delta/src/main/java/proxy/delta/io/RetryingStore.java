package proxy.delta.io;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;

/**
 * A table's store as its log reader uses it: a HEAD or GET that fails with a transient backend error
 * ({@code SlowDown}, {@code ServiceUnavailable}, {@code InternalError}) is tried again, up to {@link #ATTEMPTS}
 * times in all, after a jittered pause that doubles from {@link #FIRST_PAUSE}. Stores send object reads once
 * (a client retries its own reads), but nobody retries the proxy's reads of a log for it, and one throttled
 * answer would otherwise fail a whole index load. Listings are passed through: the {@code s3} store lists with
 * the SDK client, which retries already.
 */
public final class RetryingStore extends ForwardingStore {
    /** Tries of one read in all. */
    public static final int ATTEMPTS = 3;
    /** The pause before the second try; it doubles before each further one. */
    public static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private static final Set<S3ErrorCode> TRANSIENT = Set.of(S3ErrorCode.SLOW_DOWN,
            S3ErrorCode.SERVICE_UNAVAILABLE, S3ErrorCode.INTERNAL_ERROR);

    public RetryingStore(ObjectStore store) {
        super(store);
    }

    @Override
    public ObjectMeta head(String key) {
        return retried(() -> store.head(key));
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        return retried(() -> store.get(key, range, conditions));
    }

    /** Closes nothing: the table owns the store. */
    @Override
    public void close() {
    }

    private static <T> T retried(Supplier<T> read) {
        long pause = FIRST_PAUSE.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (S3Exception e) {
                if (attempt >= ATTEMPTS || !TRANSIENT.contains(e.code())) {
                    throw e;
                }
            }
            sleep(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
            pause *= 2;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "interrupted while waiting to read the log again",
                    e);
        }
    }
}
