package proxy.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
 * A minimal hand-written {@link ObjectStore} over a local directory, for tests until the project's file store is
 * merged: keys are relative paths, listings are in UTF-8 binary order with prefix, delimiter, startAfter and
 * paging. Counts GETs so tests can see what a refresh read.
 */
final class DirectoryStore implements ObjectStore {
    private final Path root;
    private final AtomicInteger gets = new AtomicInteger();
    private final List<String> gotKeys = java.util.Collections.synchronizedList(new ArrayList<>());

    DirectoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    int gets() {
        return gets.get();
    }

    List<String> gotKeys() {
        return List.copyOf(gotKeys);
    }

    @Override
    public URI root() {
        return root.toUri();
    }

    @Override
    public ObjectMeta head(String key) {
        Path p = root.resolve(key);
        if (!Files.isRegularFile(p)) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
        }
        try {
            return new ObjectMeta(key, Files.size(p), "\"x\"", Files.getLastModifiedTime(p).toInstant(),
                    "application/octet-stream");
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, "head failed", e);
        }
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        ObjectMeta meta = head(key);
        gets.incrementAndGet();
        gotKeys.add(key);
        try {
            InputStream in = Files.newInputStream(root.resolve(key));
            if (range.isEmpty()) {
                return new ObjectContent(meta, in, meta.size(), Optional.empty());
            }
            ByteRange.Resolved r = range.get().resolve(meta.size());
            in.skipNBytes(r.first());
            return new ObjectContent(meta, new BoundedStream(in, r.length()), r.length(), Optional.of(r));
        } catch (IOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, "get failed", e);
        }
    }

    @Override
    public ListPage list(ListQuery q) {
        TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(q.prefix()))
                    .forEach(k -> keys.add(k.getBytes(StandardCharsets.UTF_8)));
        } catch (java.nio.file.NoSuchFileException e) {
            return new ListPage(List.of(), List.of(), Optional.empty());
        } catch (IOException | UncheckedIOException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, "list failed", e);
        }
        String after = q.continuationToken().or(q::startAfter).orElse("");
        List<ObjectMeta> objects = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String last = null;
        for (byte[] b : keys.tailSet(after.getBytes(StandardCharsets.UTF_8), false)) {
            String k = new String(b, StandardCharsets.UTF_8);
            if (objects.size() + prefixes.size() >= q.maxKeys()) {
                return new ListPage(objects, List.copyOf(prefixes), Optional.of(last));
            }
            int cut = q.delimiter().map(d -> k.indexOf(d, q.prefix().length())).orElse(-1);
            if (cut >= 0) {
                prefixes.add(k.substring(0, cut + q.delimiter().get().length()));
            } else {
                objects.add(head(k));
            }
            last = k;
        }
        return new ListPage(objects, List.copyOf(prefixes), Optional.empty());
    }

    @Override
    public Optional<URI> presignGet(String key, Duration lifetime) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }

    /** Yields at most a given number of bytes of another stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
