package proxy.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectKeys;
import proxy.api.storage.ObjectMeta;

/**
 * Writes, metadata and deletes of a {@link FileStore}. A write goes to a temporary file beside the target, which is
 * then linked to the key (a conditional write: {@code link(2)} fails when the name exists, so of two concurrent
 * creates exactly one wins) or renamed over it. User metadata is kept in user extended attributes
 * ({@code user.s3meta.<name>}); a file system without them refuses metadata writes (fail closed) and reports no
 * metadata.
 */
final class FileWrites {
    private static final String META = "s3meta.";
    /** The user-metadata name of a completion's stamp ({@link FileMultipart}); never part of {@link #metadata}. */
    static final String CREATE_STAMP = "delta-proxy-put";

    private final Path root;

    /** @param root the real path of the store's root directory */
    FileWrites(Path root) {
        this.root = root;
    }

    ObjectMeta put(String key, NewObject object) {
        Path target = target(key);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".upload");
        try {
            try (InputStream body = object.open()) {
                copy(body, object.length(), temp);
            }
            writeMetadata(temp, object.metadata());
            if (object.ifAbsent()) {
                Files.createLink(target, temp);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return FileStore.meta(key, Files.readAttributes(target, BasicFileAttributes.class));
        } catch (FileAlreadyExistsException e) {
            throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
        } catch (IOException e) {
            throw internal("PutObject", key, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                System.getLogger(FileWrites.class.getName()).log(System.Logger.Level.WARNING,
                        "file store: cannot delete the temporary file of " + key, e);
            }
        }
    }

    Map<String, String> metadata(Path file, String key) {
        var out = storedMetadata(file, key);
        out.remove(CREATE_STAMP);
        return out;
    }

    /** The user metadata as stored, stamps included. */
    TreeMap<String, String> storedMetadata(Path file, String key) {
        var view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        var out = new TreeMap<String, String>();
        if (view == null) {
            return out;
        }
        try {
            for (String name : view.list()) {
                if (name.startsWith(META)) {
                    ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
                    view.read(name, buffer);
                    out.put(name.substring(META.length()), new String(buffer.array(), 0, buffer.position(),
                            StandardCharsets.UTF_8));
                }
            }
        } catch (NoSuchFileException e) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_KEY);
        } catch (UnsupportedOperationException e) {
            return out;
        } catch (IOException e) {
            throw internal("HeadObject", key, e);
        }
        return out;
    }

    void delete(Optional<Path> file, String key) {
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(file.get());
        } catch (IOException e) {
            throw internal("DeleteObject", key, e);
        }
    }

    /**
     * The path a valid key names, its parent directories created; refused when a parent resolves (through a
     * link) outside the root, which is checked before any directory is created.
     */
    private Path target(String key) {
        if (!ObjectKeys.validKey(key)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid key.");
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid key.");
        }
        try {
            Path existing = path.getParent();
            while (!Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (!existing.toRealPath().startsWith(root)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid key.");
            }
            Files.createDirectories(path.getParent());
            Path parent = path.getParent().toRealPath();
            if (!parent.startsWith(root) || Files.isSymbolicLink(path)
                    || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid key.");
            }
            return parent.resolve(path.getFileName());
        } catch (FileAlreadyExistsException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid key.");
        } catch (IOException e) {
            throw internal("PutObject", key, e);
        }
    }

    private static void copy(InputStream body, long length, Path temp) throws IOException {
        try (OutputStream out = Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            long copied = body.transferTo(out);
            if (copied != length) {
                throw new IOException("body had " + copied + " bytes, expected " + length);
            }
        }
    }

    private static void writeMetadata(Path file, Map<String, String> metadata) throws IOException {
        if (metadata.isEmpty()) {
            return;
        }
        var view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            throw new IOException("the file system keeps no user extended attributes");
        }
        for (var e : metadata.entrySet()) {
            view.write(META + e.getKey(), ByteBuffer.wrap(e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static S3Exception internal(String operation, String key, IOException e) {
        return new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                new UncheckedIOException("file store: " + operation + " " + key + " failed", e));
    }
}
