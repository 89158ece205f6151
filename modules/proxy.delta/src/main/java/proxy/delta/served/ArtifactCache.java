package proxy.delta.served;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import proxy.api.metrics.ProxyMetrics;
import proxy.delta.filtered.FilteredCheckpoint;

/**
 * Built filtered objects by key, shared by every table and principal: least recently used first out once their
 * total size exceeds the bound (the newest entry stays even when it alone exceeds it). Entries live in files of
 * one spill directory, so the bound costs disk, not heap; an evicted entry's file is deleted, and a reader that
 * finds it gone asks again ({@link #get} rebuilds it). Concurrent requests for one missing key share one build.
 * Every lookup is reported as {@code cacheAccess("filtered_log", hit)}, every build (its duration, by kind and
 * outcome) as {@code filteredLogBuild}. Thread-safe.
 */
public final class ArtifactCache {
    /** The metrics label of this cache. */
    public static final String CACHE = "filtered_log";

    private static final System.Logger LOG = System.getLogger(ArtifactCache.class.getName());

    private final Path dir;
    private final long maxBytes;
    private final ProxyMetrics metrics;
    private final LinkedHashMap<String, Artifact> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final ConcurrentHashMap<String, CompletableFuture<Artifact>> building = new ConcurrentHashMap<>();
    private long bytes; // guarded by this

    /**
     * @param dir      an existing directory that only this cache writes
     * @param maxBytes the bound of the entries' total size
     */
    public ArtifactCache(Path dir, long maxBytes, ProxyMetrics metrics) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes < 1");
        }
        this.maxBytes = maxBytes;
    }

    /** Writes one filtered object; returns the checkpoint figures when it is a checkpoint. */
    @FunctionalInterface
    interface Build {
        Optional<FilteredCheckpoint> writeTo(OutputStream out) throws IOException;
    }

    /** The directory of temporary files of builds (the engine's spill directory too). */
    Path directory() {
        return dir;
    }

    /**
     * The entry of a key, built on a miss.
     *
     * @param kind what is built, for the build-time metric: {@code commit}, {@code checkpoint}, ...
     * @throws IOException what the build threw (nothing is cached then)
     */
    Artifact get(String key, String kind, Build build) throws IOException {
        synchronized (this) {
            Artifact found = entries.get(key);
            if (found != null) {
                metrics.cacheAccess(CACHE, true);
                return found;
            }
        }
        metrics.cacheAccess(CACHE, false);
        CompletableFuture<Artifact> mine = new CompletableFuture<>();
        CompletableFuture<Artifact> running = building.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Artifact built = build(kind, build);
            put(key, built);
            mine.complete(built);
            return built;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            building.remove(key, mine);
        }
    }

    /** Forgets an entry whose file was found missing (evicted between lookup and open). */
    synchronized void forget(String key, Artifact artifact) {
        if (entries.remove(key, artifact)) {
            bytes -= artifact.size();
        }
    }

    private Artifact build(String kind, Build build) throws IOException {
        long start = System.nanoTime();
        Path file = Files.createTempFile(dir, "filtered-", ".bin");
        try {
            MessageDigest sha = sha256();
            Optional<FilteredCheckpoint> checkpoint;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                checkpoint = build.writeTo(out);
            }
            String etag = "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "-1\"";
            Artifact built = new Artifact(file, Files.size(file), etag, checkpoint);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            metrics.filteredLogBuild(kind, true, took);
            LOG.log(System.Logger.Level.DEBUG, () -> "built a filtered log " + kind + " of " + built.size()
                    + " bytes in " + took.toMillis() + " ms");
            return built;
        } catch (IOException | RuntimeException | Error e) {
            metrics.filteredLogBuild(kind, false, Duration.ofNanos(System.nanoTime() - start));
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private synchronized void put(String key, Artifact artifact) throws IOException {
        Artifact old = entries.put(key, artifact);
        bytes += artifact.size();
        if (old != null) {
            bytes -= old.size();
            Files.deleteIfExists(old.file());
        }
        Iterator<Map.Entry<String, Artifact>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && entries.size() > 1) {
            Artifact evicted = eldest.next().getValue();
            eldest.remove();
            bytes -= evicted.size();
            Files.deleteIfExists(evicted.file());
        }
    }

    private static Artifact await(CompletableFuture<Artifact> running) throws IOException {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
