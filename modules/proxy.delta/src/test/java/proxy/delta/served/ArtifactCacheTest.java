package proxy.delta.served;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.metrics.ProxyMetrics;

class ArtifactCacheTest {
    @TempDir
    Path dir;

    private final List<String> accesses = new ArrayList<>();
    private final ProxyMetrics metrics = new ProxyMetrics() {
        @Override
        public synchronized void cacheAccess(String cache, boolean hit) {
            accesses.add(cache + (hit ? " hit" : " miss"));
        }

        @Override
        public synchronized void filteredLogBuild(String kind, boolean success, java.time.Duration duration) {
            accesses.add("build " + kind + (success ? " ok" : " failed"));
        }
    };

    private static ArtifactCache.Build bytes(int n) {
        return out -> {
            out.write(new byte[n]);
            return Optional.empty();
        };
    }

    @Test
    void anEntryIsBuiltOnceAndItsEtagIsTheTruncatedSha256OfItsBytes() throws IOException {
        ArtifactCache cache = new ArtifactCache(dir, 1000, metrics);
        AtomicInteger builds = new AtomicInteger();
        ArtifactCache.Build build = out -> {
            builds.incrementAndGet();
            out.write("abc".getBytes());
            return Optional.empty();
        };
        Artifact first = cache.get("k", "commit", build);
        assertSame(first, cache.get("k", "commit", build));
        assertEquals(1, builds.get());
        assertArrayEquals("abc".getBytes(), Files.readAllBytes(first.file()));
        assertEquals("\"ba7816bf8f01cfea414140de5dae2223-1\"", first.etag()); // SHA-256("abc"), first 128 bits
        assertEquals(List.of("filtered_log miss", "build commit ok", "filtered_log hit"), accesses);
    }

    @Test
    void theLeastRecentlyUsedEntriesGoOnceTheBoundIsExceededAndTheirFilesAreDeleted() throws IOException {
        ArtifactCache cache = new ArtifactCache(dir, 250, metrics);
        Artifact a = cache.get("a", "commit", bytes(100));
        Artifact b = cache.get("b", "commit", bytes(100));
        cache.get("a", "commit", bytes(100)); // a is now the most recently used
        Artifact c = cache.get("c", "commit", bytes(100));
        assertFalse(Files.exists(b.file()), "b evicted");
        assertTrue(Files.exists(a.file()) && Files.exists(c.file()));
        assertSame(a, cache.get("a", "commit", bytes(100)));
        Artifact huge = cache.get("huge", "commit", bytes(1000));
        assertTrue(Files.exists(huge.file()), "the newest entry stays even above the bound");
        assertEquals(1, files());
    }

    @Test
    void aFailedBuildCachesNothingAndLeavesNoFile() throws IOException {
        ArtifactCache cache = new ArtifactCache(dir, 1000, metrics);
        assertThrows(IOException.class, () -> cache.get("k", "checkpoint", out -> {
            out.write(1);
            throw new IOException("corrupt upstream");
        }));
        assertEquals(0, files());
        assertEquals(3, cache.get("k", "checkpoint", bytes(3)).size());
        assertEquals(List.of("filtered_log miss", "build checkpoint failed", "filtered_log miss",
                "build checkpoint ok"), accesses, "every build is measured, failed ones too");
    }

    @Test
    void concurrentMissesShareOneBuild() throws Exception {
        ArtifactCache cache = new ArtifactCache(dir, 1000, metrics);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        ArtifactCache.Build slow = out -> {
            builds.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            out.write(7);
            return Optional.empty();
        };
        List<Artifact> got = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread first = Thread.ofVirtual().start(() -> got.add(unchecked(cache, slow)));
        started.await();
        Thread second = Thread.ofVirtual().start(() -> got.add(unchecked(cache, slow)));
        Thread.sleep(100);
        release.countDown();
        first.join();
        second.join();
        assertEquals(1, builds.get());
        assertSame(got.get(0), got.get(1));
    }

    private static Artifact unchecked(ArtifactCache cache, ArtifactCache.Build build) {
        try {
            return cache.get("k", "commit", build);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
