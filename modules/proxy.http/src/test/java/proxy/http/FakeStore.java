package proxy.http;

import proxy.api.storage.Utf8Order;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;

/**
 * An in-memory {@link ObjectStore} that records every call. Keys sort in UTF-8 byte order, as S3's do. Its
 * continuation token is {@code "after:" + lastKeyOrPrefix}. Optional behaviours: presigning, failing, a body that
 * breaks after some bytes.
 */
final class FakeStore implements ObjectStore {
    static final Instant MODIFIED = Instant.parse("2026-03-04T05:06:07Z");

    private final java.util.NavigableMap<String, byte[]> objects =
            new java.util.concurrent.ConcurrentSkipListMap<>(Utf8Order.COMPARATOR);
    final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile Function<String, Optional<URI>> presigner = key -> Optional.empty();
    private volatile String breakingKey;
    private volatile Throwable failure;
    private volatile java.util.concurrent.CountDownLatch gate;

    FakeStore put(String key, byte[] bytes) {
        objects.put(key, bytes);
        return this;
    }

    /** The keys and sizes held now, in key order (what a {@link FakeIndex} over this store indexes). */
    java.util.SortedMap<String, Integer> sizes() {
        var out = new TreeMap<String, Integer>(Utf8Order.COMPARATOR);
        objects.forEach((k, v) -> out.put(k, v.length));
        return out;
    }

    FakeStore put(String key, String text) {
        return put(key, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Presigns every key as {@code base + key}. */
    void presignUnder(String base) {
        presigner = key -> Optional.of(URI.create(base + key));
    }

    /** GET of this key streams half of the object, then throws. */
    void breakBodyOf(String key) {
        breakingKey = key;
    }

    /** GETs stream their first byte, then wait for the latch before the rest. */
    void holdBodiesUntil(java.util.concurrent.CountDownLatch latch) {
        gate = latch;
    }

    /** Every call throws this (an unchecked exception or an {@link Error}); null: calls succeed again. */
    void failWith(Throwable e) {
        if (e != null && !(e instanceof RuntimeException) && !(e instanceof Error)) {
            throw new IllegalArgumentException("unchecked only", e);
        }
        failure = e;
    }

    static String etag(byte[] bytes) {
        return "\"" + HexFormat.of().formatHex(new byte[] {(byte) bytes.length, (byte) (bytes.length >> 8)})
                + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
    }

    private ObjectMeta meta(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
        }
        return new ObjectMeta(key, bytes.length, etag(bytes), MODIFIED, "application/octet-stream");
    }

    private void record(String call) {
        calls.add(call);
        switch (failure) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure);
        }
    }

    @Override
    public URI root() {
        return URI.create("mem:/");
    }

    @Override
    public ObjectMeta head(String key) {
        record("head " + key);
        return meta(key);
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        record("get " + key);
        ObjectMeta meta = meta(key);
        conditions.check(meta);
        byte[] bytes = objects.get(key);
        Optional<ByteRange.Resolved> resolved = range.map(r -> r.resolve(bytes.length));
        int from = resolved.map(r -> (int) r.first()).orElse(0);
        int length = resolved.map(r -> (int) r.length()).orElse(bytes.length);
        InputStream body = new ByteArrayInputStream(bytes, from, length);
        if (key.equals(breakingKey)) {
            body = new BreakingStream(body, length / 2);
        }
        if (gate != null) {
            body = new GatedStream(body, gate);
        }
        return new ObjectContent(meta, body, length, resolved);
    }

    @Override
    public ListPage list(ListQuery query) {
        record("list " + query.prefix());
        String after = query.continuationToken().map(t -> t.substring("after:".length()))
                .or(query::startAfter).orElse("");
        var keys = new ArrayList<ObjectMeta>();
        var prefixes = new ArrayList<String>();
        String last = null;
        for (String key : objects.tailMap(after, false).keySet()) {
            if (!key.startsWith(query.prefix())) {
                continue;
            }
            Optional<String> rolled = query.delimiter().flatMap(d -> {
                int at = key.indexOf(d, query.prefix().length());
                return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + d.length()));
            });
            if (rolled.isPresent() && rolled.get().equals(last)) {
                continue;
            }
            if (keys.size() + prefixes.size() == query.maxKeys()) {
                return new ListPage(keys, prefixes, Optional.of("after:" + last));
            }
            if (rolled.isPresent()) {
                if (Utf8Order.compare(rolled.get(), after) <= 0 && after.startsWith(rolled.get())) {
                    continue;
                }
                prefixes.add(rolled.get());
                last = rolled.get();
            } else {
                keys.add(meta(key));
                last = key;
            }
        }
        return new ListPage(keys, prefixes, Optional.empty());
    }

    @Override
    public Optional<URI> presignGet(String key, Duration lifetime) {
        record("presign " + key);
        return presigner.apply(key);
    }

    @Override
    public void close() {
    }

    /** Yields some bytes, then fails like a dropped backend connection. */
    private static final class BreakingStream extends InputStream {
        private final InputStream in;
        private long left;

        BreakingStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            var one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("backend connection reset");
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            left -= n;
            return n;
        }
    }

    /** Yields one byte, then blocks until the gate opens. */
    private static final class GatedStream extends java.io.FilterInputStream {
        private final java.util.concurrent.CountDownLatch gate;
        private boolean first = true;

        GatedStream(InputStream in, java.util.concurrent.CountDownLatch gate) {
            super(in);
            this.gate = gate;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (first) {
                first = false;
                return super.read(b, off, Math.min(len, 1));
            }
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return super.read(b, off, len);
        }
    }
}
