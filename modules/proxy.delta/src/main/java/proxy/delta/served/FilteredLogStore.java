package proxy.delta.served;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.delta.LogGrant;
import proxy.api.delta.LogNames;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.filtered.FileFilter;
import proxy.delta.filtered.FilteredLog;
import proxy.delta.filtered.LogView;
import proxy.delta.filtered.UnsupportedLogException;
import proxy.delta.log.LogFile;
import proxy.delta.log.LogState;
import proxy.delta.log.Protocol;

/**
 * One table's {@code _delta_log/} as one grant set sees it ({@link proxy.api.delta.TableIndex#filteredLog}): names
 * come from {@link LogView}, bytes from {@link FilteredLog}, built once per (table, upstream files and their ETags,
 * grant set, column mapping) into the shared {@link ArtifactCache}. Every request first checks the table's current
 * protocol. A key the view does not show, and an upstream object that does not exist, answer {@code NoSuchKey};
 * every failure to build answers {@code ServiceUnavailable} and is logged with the table and the cause.
 */
public final class FilteredLogStore implements ObjectStore {
    private static final System.Logger LOG = System.getLogger(FilteredLogStore.class.getName());
    private static final String LAST_CHECKPOINT_KEY = LogNames.DIR + LogView.LAST_CHECKPOINT;
    private static final int MAX_LAST_CHECKPOINT_BYTES = 1 << 20;

    private final String alias;
    private final ObjectStore upstream;
    private final LogGrant grant;
    private final Supplier<LogState> state;
    private final ArtifactCache cache;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param upstream the table's store
     * @param state    the table's current mapping and protocol; read once per request
     */
    public FilteredLogStore(String alias, ObjectStore upstream, LogGrant grant, Supplier<LogState> state,
                            ArtifactCache cache) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.grant = Objects.requireNonNull(grant, "grant");
        this.state = Objects.requireNonNull(state, "state");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The engine for one request, and what every cache key of that request starts with. */
    private record Ctx(FilteredLog engine, String scope) {
    }

    /** A built object with the metadata it is served under. */
    private record Served(ObjectMeta meta, Artifact artifact, String cacheKey) {
    }

    @Override
    public URI root() {
        return upstream.root();
    }

    @Override
    public ObjectMeta head(String key) {
        return resolve(key, context(key)).meta();
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        Ctx ctx = context(key);
        for (int attempt = 0; ; attempt++) {
            Served served = resolve(key, ctx);
            conditions.check(served.meta());
            Optional<ByteRange.Resolved> resolved = range.map(r -> r.resolve(served.meta().size()));
            try {
                InputStream in = Files.newInputStream(served.artifact().file());
                long first = resolved.map(ByteRange.Resolved::first).orElse(0L);
                long length = resolved.map(ByteRange.Resolved::length).orElse(served.meta().size());
                in.skipNBytes(first);
                return new ObjectContent(served.meta(), new BoundedInputStream(in, length), length, resolved);
            } catch (NoSuchFileException e) {
                cache.forget(served.cacheKey(), served.artifact()); // evicted meanwhile: build again, once
                if (attempt > 0) {
                    throw unavailable("reading a cached filtered object", e);
                }
            } catch (IOException e) {
                throw unavailable("reading a cached filtered object", e);
            }
        }
    }

    /**
     * The upstream page mapped through the view: hidden objects dropped, sizes filtered, and each checkpoint version
     * shown once, at its first upstream key (a later page never repeats it).
     */
    @Override
    public ListPage list(ListQuery query) {
        Ctx ctx = null; // a table not created yet has no protocol and no log object: its empty page needs none
        ListPage page = upstream.list(query);
        List<ObjectMeta> shown = new ArrayList<>();
        for (ObjectMeta meta : page.objects()) {
            if (!LogNames.inLog(meta.key())) {
                continue;
            }
            Optional<String> name = LogView.filteredName(meta.key().substring(LogNames.DIR.length()));
            if (name.isEmpty()) {
                continue;
            }
            if (ctx == null) {
                ctx = context();
            }
            try {
                listed(meta, name.get(), ctx).ifPresent(served -> shown.add(served.meta()));
            } catch (S3Exception e) {
                if (e.code() != S3ErrorCode.NO_SUCH_KEY) {
                    throw e; // deleted since the page was listed: absent; anything else fails the listing
                }
            }
        }
        return new ListPage(shown, List.of(), page.nextToken());
    }

    /** What a listed upstream object shows as; empty for a checkpoint file other than its version's first. */
    private Optional<Served> listed(ObjectMeta meta, String name, Ctx ctx) {
        if (name.equals(LogView.LAST_CHECKPOINT)) {
            return Optional.of(lastCheckpoint(ctx));
        }
        LogFile file = LogFile.parse(meta.key(), 0).orElseThrow();
        if (file.kind() instanceof LogFile.Commit) {
            return Optional.of(commit(meta, ctx));
        }
        CheckpointParts parts = CheckpointParts.of(upstream, file.version());
        return parts.firstShown().equals(Optional.of(meta.key()))
                ? Optional.of(checkpoint(parts, file.version(), ctx)) : Optional.empty();
    }

    @Override
    public Optional<URI> presignGet(String key, Duration lifetime) {
        return Optional.empty();
    }

    @Override
    public void close() {
        // The upstream store and the cache belong to others.
    }

    private Served resolve(String key, Ctx ctx) {
        String name = LogNames.inLog(key) ? key.substring(LogNames.DIR.length()) : "";
        if (!LogView.filteredName(name).map(name::equals).orElse(false)) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
        }
        if (name.equals(LogView.LAST_CHECKPOINT)) {
            return lastCheckpoint(ctx);
        }
        LogFile file = LogFile.parse(key, 0).orElseThrow();
        return file.kind() instanceof LogFile.Commit ? commit(upstream.head(key), ctx)
                : checkpoint(file.version(), ctx);
    }

    /** @param up the upstream commit as HEADed or listed (a listing saves the HEAD) */
    private Served commit(ObjectMeta up, Ctx ctx) {
        String key = up.key();
        String cacheKey = cacheKey(ctx, "commit", key, up.etag());
        Artifact built = build(cacheKey, "commit", out -> {
            ctx.engine().commit(openExact(up), out);
            return Optional.empty();
        });
        return served(key, up, built, cacheKey);
    }

    private Served checkpoint(long version, Ctx ctx) {
        return checkpoint(CheckpointParts.of(upstream, version), version, ctx);
    }

    private Served checkpoint(CheckpointParts listed, long version, Ctx ctx) {
        List<ObjectMeta> parts = listed.chosen();
        if (parts.isEmpty()) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
        }
        List<String> names = listed.names();
        List<String> keyParts = new ArrayList<>(List.of("checkpoint"));
        parts.forEach(p -> {
            keyParts.add(p.key());
            keyParts.add(p.etag());
        });
        String cacheKey = cacheKey(ctx, keyParts.toArray(String[]::new));
        Artifact built = build(cacheKey, "checkpoint", out -> Optional.of(ctx.engine().checkpoint(names, n -> {
            for (ObjectMeta part : parts) {
                if (part.key().equals(LogNames.DIR + n)) {
                    return openExact(part);
                }
            }
            return upstream.get(LogNames.DIR + n, Optional.empty(), Conditions.NONE).body(); // a sidecar
        }, out)));
        return served(LogNames.DIR + LogView.checkpointName(version), parts.getFirst(), built, cacheKey);
    }

    private Served lastCheckpoint(Ctx ctx) {
        ObjectMeta up;
        long version;
        try (ObjectContent content = upstream.get(LAST_CHECKPOINT_KEY, Optional.empty(), Conditions.NONE)) {
            up = content.meta();
            if (content.length() > MAX_LAST_CHECKPOINT_BYTES) {
                throw unavailable("reading _last_checkpoint", new IOException("over 1 MiB"));
            }
            version = json.readTree(content.body().readAllBytes()).path("version").asLong(-1);
        } catch (IOException e) {
            throw unavailable("reading _last_checkpoint", e);
        }
        if (version < 0) {
            throw unavailable("reading _last_checkpoint", new IOException("no version"));
        }
        Served checkpoint = checkpoint(version, ctx); // NoSuchKey: it points at nothing the view serves
        String cacheKey = cacheKey(ctx, "last", up.etag(), checkpoint.cacheKey());
        Artifact built = build(cacheKey, "last_checkpoint", out -> {
            ctx.engine().lastCheckpoint(checkpoint.artifact().checkpoint().orElseThrow(), out);
            return Optional.empty();
        });
        return served(LAST_CHECKPOINT_KEY, up, built, cacheKey);
    }

    private Served served(String key, ObjectMeta upstreamMeta, Artifact built, String cacheKey) {
        ObjectMeta meta = new ObjectMeta(key, built.size(), built.etag(), upstreamMeta.lastModified(),
                upstreamMeta.contentType());
        return new Served(meta, built, cacheKey);
    }

    /** Opens an upstream object as it was listed or HEADed: a changed object fails the build (503). */
    private InputStream openExact(ObjectMeta meta) {
        return upstream.get(meta.key(), Optional.empty(), new Conditions(meta.etag(), null, null, null)).body();
    }

    /** @param kind {@code commit}, {@code checkpoint} or {@code last_checkpoint}, for the build-time metric */
    private Artifact build(String cacheKey, String kind, ArtifactCache.Build build) {
        try {
            return cache.get(cacheKey, kind, build);
        } catch (IOException | RuntimeException e) {
            throw unavailable("building a filtered object", e);
        }
    }

    /**
     * {@link #context()} for one key; in a table whose log has no protocol yet (not created), an object that does
     * not exist upstream answers NoSuchKey, as in any table, rather than ServiceUnavailable.
     */
    private Ctx context(String key) {
        LogState current = state.get();
        if (current != null && current.protocol().isEmpty()) {
            upstream.head(key);
        }
        return context();
    }

    /** The engine for the table's current mapping, once its current protocol is known to be understood. */
    private Ctx context() {
        LogState current = state.get();
        if (current == null || current.protocol().isEmpty()) {
            throw unavailable("checking the protocol", new UnsupportedLogException("no protocol action"));
        }
        Protocol p = current.protocol().get();
        try {
            FilteredLog.requireSupported(p.minReaderVersion(), p.minWriterVersion(), p.readerFeatures(),
                    p.writerFeatures());
        } catch (UnsupportedLogException e) {
            throw unavailable("checking the protocol", e);
        }
        FilteredLog engine = new FilteredLog(new FileFilter(current.mapping(), grant.readable()), cache.directory());
        return new Ctx(engine, cacheKey(null, upstream.root().toString(), grant.id(), current.mapping().fingerprint()));
    }

    /** A hash of the scope and the parts, each length-prefixed. */
    private static String cacheKey(Ctx ctx, String... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> all = new ArrayList<>();
        if (ctx != null) {
            all.add(ctx.scope());
        }
        all.addAll(List.of(parts));
        for (String part : all) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            sha.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Fails closed: 503 to the client (no detail), the table and cause to the log. */
    private S3Exception unavailable(String doing, Exception cause) {
        LOG.log(System.Logger.Level.WARNING, "Cannot serve the filtered Delta log of table " + alias + ": "
                + doing + " failed: " + cause.getMessage(), cause);
        return new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The table's Delta log cannot be served", cause);
    }
}
