package proxy.delta.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.storage.file.FileStore;

/** The log reader's retries, over the project's file store with failures put in front of it. */
class RetryingStoreTest {
    private static final byte[] COMMIT = "{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private FlakyStore flaky;

    @BeforeEach
    void writeCommit() throws IOException {
        Files.createDirectories(dir.resolve("_delta_log"));
        Files.write(dir.resolve("_delta_log/00000000000000000000.json"), COMMIT);
        flaky = new FlakyStore(new FileStore(dir.toUri(), dir));
    }

    private static byte[] read(ObjectStore store) throws IOException {
        try (ObjectContent c = store.get("_delta_log/00000000000000000000.json", Optional.empty(), Conditions.NONE)) {
            return c.body().readAllBytes();
        }
    }

    @Test
    void transientFailuresAreTriedAgainUntilTheReadSucceeds() throws IOException {
        for (S3ErrorCode code : new S3ErrorCode[] {S3ErrorCode.SLOW_DOWN, S3ErrorCode.SERVICE_UNAVAILABLE,
                S3ErrorCode.INTERNAL_ERROR}) {
            flaky.failNext(RetryingStore.ATTEMPTS - 1, code);
            assertArrayEquals(COMMIT, read(new RetryingStore(flaky)), code.code());
            assertEquals(RetryingStore.ATTEMPTS, flaky.attempts(), code.code());
            flaky.failNext(1, code);
            assertEquals(COMMIT.length, new RetryingStore(flaky).head("_delta_log/00000000000000000000.json").size());
            assertEquals(2, flaky.attempts());
        }
    }

    @Test
    void aReadThatKeepsFailingFailsAfterTheLastAttempt() {
        flaky.failNext(RetryingStore.ATTEMPTS, S3ErrorCode.SLOW_DOWN);
        long start = System.nanoTime();
        S3Exception e = assertThrows(S3Exception.class, () -> read(new RetryingStore(flaky)));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(S3ErrorCode.SLOW_DOWN, e.code());
        assertEquals(RetryingStore.ATTEMPTS, flaky.attempts());
        assertEquals(true, waitedMillis >= RetryingStore.FIRST_PAUSE.toMillis() / 2, waitedMillis + " ms");
    }

    @Test
    void definiteAnswersAreNotTriedAgain() {
        for (S3ErrorCode code : new S3ErrorCode[] {S3ErrorCode.NO_SUCH_KEY, S3ErrorCode.ACCESS_DENIED,
                S3ErrorCode.INVALID_RANGE}) {
            flaky.failNext(1, code);
            S3Exception e = assertThrows(S3Exception.class, () -> read(new RetryingStore(flaky)));
            assertEquals(code, e.code());
            assertEquals(1, flaky.attempts(), code.code());
        }
    }

    /** Fails the next reads with a chosen error, then reads from the wrapped store; counts the attempts. */
    private static final class FlakyStore extends ForwardingStore {
        private final AtomicInteger failuresLeft = new AtomicInteger();
        private final AtomicInteger attempts = new AtomicInteger();
        private volatile S3ErrorCode code = S3ErrorCode.SLOW_DOWN;

        FlakyStore(ObjectStore store) {
            super(store);
        }

        void failNext(int failures, S3ErrorCode failWith) {
            code = failWith;
            failuresLeft.set(failures);
            attempts.set(0);
        }

        int attempts() {
            return attempts.get();
        }

        private void attempt() {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new S3Exception(code);
            }
        }

        @Override
        public ObjectMeta head(String key) {
            attempt();
            return store.head(key);
        }

        @Override
        public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
            attempt();
            return store.get(key, range, conditions);
        }
    }
}
