package proxy.delta;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectStore;
import proxy.delta.io.ForwardingStore;

/**
 * A store whose reads (GET) of chosen keys wait until the test releases them, or fail as an unreachable backend
 * does; everything else goes to the wrapped store. Lets a test hold a table's log reads at a known point.
 */
final class GatedStore extends ForwardingStore {
    private volatile Predicate<String> held = key -> false;
    private volatile Predicate<String> failing = key -> false;
    private volatile CountDownLatch reached = new CountDownLatch(0);
    private volatile CountDownLatch released = new CountDownLatch(0);

    GatedStore(ObjectStore store) {
        super(store);
    }

    /** From now on, reads of matching keys wait for {@link #release()}. */
    void hold(Predicate<String> keys) {
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
        held = keys;
    }

    /** Lets held reads (and later ones) through. */
    void release() {
        held = key -> false;
        released.countDown();
    }

    /** From now on, reads of matching keys fail with {@code ServiceUnavailable}; {@code key -> false} heals. */
    void fail(Predicate<String> keys) {
        failing = keys;
    }

    /** Whether a read reached the hold within the time. */
    boolean awaitHeldRead(Duration within) throws InterruptedException {
        return reached.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        if (failing.test(key)) {
            throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "backend unreachable (test)");
        }
        if (held.test(key)) {
            CountDownLatch gate = released;
            reached.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "interrupted while held (test)", e);
            }
        }
        return store.get(key, range, conditions);
    }
}
