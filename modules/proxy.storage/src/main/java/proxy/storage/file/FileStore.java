package proxy.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.UploadedPart;

/**
 * A table stored in a local (or NFS) directory; keys are paths relative to it with {@code /} separators.
 *
 * <p>The ETag is derived from the file's size and modification time (to the nanosecond where the file system
 * keeps it), never from its content: it is stable across restarts for an unchanged file, changes when the file
 * is rewritten, and costs no read of large files. It cannot presign, so GETs are streamed.
 */
public final class FileStore implements ObjectStore {

    private final URI rootUri;
    private final FileTree tree;
    private final FileWrites writes;
    private final FileMultipart multipart;

    /**
     * @param rootUri the configured root, reported by {@link #root()}
     * @param dir     the existing directory it names
     */
    public FileStore(URI rootUri, Path dir) {
        this.rootUri = Objects.requireNonNull(rootUri, "rootUri");
        try {
            this.tree = new FileTree(Objects.requireNonNull(dir, "dir"));
        } catch (IOException e) {
            throw new UncheckedIOException("file store: opening root " + dir, e);
        }
        this.writes = new FileWrites(tree.root());
        this.multipart = new FileMultipart(tree.root(), writes);
    }

    @Override
    public URI root() {
        return rootUri;
    }

    @Override
    public ObjectMeta head(String key) {
        Path path = tree.resolve(key).orElseThrow(FileStore::noSuchKey);
        try {
            return meta(key, Files.readAttributes(path, BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            throw noSuchKey();
        } catch (IOException e) {
            throw internal("HeadObject", key, e);
        }
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(conditions, "conditions");
        Path path = tree.resolve(key).orElseThrow(FileStore::noSuchKey);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw noSuchKey();
        } catch (IOException e) {
            throw internal("GetObject", key, e);
        }
        try {
            ObjectMeta meta = meta(key, Files.readAttributes(path, BasicFileAttributes.class));
            conditions.check(meta);
            Optional<ByteRange.Resolved> resolved = range.map(r -> r.resolve(meta.size()));
            long first = resolved.map(ByteRange.Resolved::first).orElse(0L);
            long length = resolved.map(ByteRange.Resolved::length).orElse(meta.size());
            return new ObjectContent(meta, new ChannelRangeInputStream(channel, first, length), length, resolved);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw internal("GetObject", key, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    @Override
    public ListPage list(ListQuery query) {
        Objects.requireNonNull(query, "query");
        try {
            Optional<ListMarker> marker = ListMarker.of(query);
            var keys = tree.keysUnder(query.prefix(), dir -> FilePager.rollup(dir, query.delimiter(), marker));
            return FilePager.page(keys, query, marker, FileStore::meta);
        } catch (IOException e) {
            throw internal("ListObjectsV2", query.prefix(), e);
        }
    }

    /** Always empty: a local file has no URL another host could fetch. */
    @Override
    public Optional<URI> presignGet(String key, Duration lifetime) {
        return Optional.empty();
    }

    /** Writes through a temporary file, then a link (conditional) or rename: see {@link FileWrites}. */
    @Override
    public ObjectMeta put(String key, NewObject object) {
        Objects.requireNonNull(object, "object");
        return writes.put(key, object);
    }

    /** The user metadata kept in the file's user extended attributes. */
    @Override
    public Map<String, String> metadata(String key) {
        return writes.metadata(tree.resolve(key).orElseThrow(FileStore::noSuchKey), key);
    }

    @Override
    public void delete(String key) {
        writes.delete(tree.resolve(key), key);
    }

    /** Parts in a per-upload directory, completed by a conditional link: see {@link FileMultipart}. */
    @Override
    public String createMultipart(String key, String contentType, Map<String, String> metadata) {
        return multipart.create(key, contentType, metadata);
    }

    @Override
    public String uploadPart(String key, String uploadId, int partNumber, InputStream body, long length) {
        return multipart.uploadPart(key, uploadId, partNumber, body, length);
    }

    @Override
    public List<UploadedPart> listParts(String key, String uploadId) {
        return multipart.listParts(key, uploadId);
    }

    @Override
    public ObjectMeta completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
        return multipart.complete(key, uploadId, parts);
    }

    /** The object this upload's completion stamped: see {@link FileMultipart}. */
    @Override
    public Optional<ObjectMeta> completedMultipart(String key, String uploadId, List<UploadedPart> parts) {
        return multipart.completed(key, uploadId, parts);
    }

    @Override
    public void abortMultipart(String key, String uploadId) {
        multipart.abort(key, uploadId);
    }

    @Override
    public void close() {
        // Nothing is held between calls.
    }

    /**
     * The object's metadata. {@code LastModified} is the file's modification time in whole seconds, as S3 keeps it:
     * a listing ({@code LastModified} with milliseconds) and a HEAD ({@code Last-Modified}, an HTTP date in seconds)
     * then tell a client the same time (Spark's {@code timestampAsOf} compares the two). The ETag still changes with
     * a rewrite inside the same second.
     */
    static ObjectMeta meta(String key, BasicFileAttributes attrs) {
        Instant modified = attrs.lastModifiedTime().toInstant();
        return new ObjectMeta(key, attrs.size(), etag(key, attrs.size(), modified),
                modified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), contentType(key));
    }

    /**
     * A stable entity tag without reading the content: a hash of the key, size and modification time. It is shaped
     * like a multipart ETag ({@code "<hex>-1"}) on purpose: S3 clients (rclone, s3cmd, the AWS CLI) verify a
     * plain 32-hex-digit ETag as the content's MD5 and would report every download as corrupted.
     */
    private static String etag(String key, long size, Instant modified) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            String stamp = key + "\u0000" + size + ":" + modified.getEpochSecond() + ":" + modified.getNano();
            byte[] hash = digest.digest(stamp.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "-1\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String contentType(String key) {
        return key.endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    private static S3Exception noSuchKey() {
        return new S3Exception(S3ErrorCode.NO_SUCH_KEY);
    }

    private static S3Exception internal(String operation, String key, IOException e) {
        return new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                new UncheckedIOException("file store: " + operation + " " + key + " failed", e));
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
