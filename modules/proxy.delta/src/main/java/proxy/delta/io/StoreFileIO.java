package proxy.delta.io;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;

/**
 * Delta Kernel's file abstraction implemented on one table's {@link ObjectStore}: reads only. Kernel sees every
 * object under the synthetic root {@link #ROOT} ({@code store:/<key>}), which this class maps back to keys relative
 * to the table root, so no Hadoop file system (and no hadoop-aws) is involved. Writes throw
 * {@link UnsupportedOperationException}: the proxy never writes a table.
 */
public final class StoreFileIO implements FileIO {
    /** The synthetic root Kernel paths start with. */
    public static final String ROOT = "store:/";

    private static final int PAGE = 1000;

    private final ObjectStore store;

    public StoreFileIO(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The Kernel path of a key. */
    public static String pathOf(String key) {
        return ROOT + key;
    }

    /**
     * The key of a Kernel path.
     *
     * @throws IllegalArgumentException for a path outside the synthetic root
     */
    public static String keyOf(String path) {
        String p = path.startsWith("store:///") ? "store:/" + path.substring("store:///".length()) : path;
        if (!p.startsWith(ROOT)) {
            throw new IllegalArgumentException("Path outside the table: " + path);
        }
        return p.substring(ROOT.length());
    }

    /**
     * The objects of the directory of {@code filePath} whose names sort at or after its name, in order; the
     * directory is not descended into.
     */
    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        String key = keyOf(filePath);
        String dir = key.substring(0, key.lastIndexOf('/') + 1);
        List<FileStatus> out = new ArrayList<>();
        for (ObjectMeta meta : listDirectory(dir, key)) {
            out.add(statusOf(meta));
        }
        return CloseableIterators.of(out);
    }

    /**
     * The objects directly in {@code dir} (a key prefix ending with {@code /}) whose keys sort at or after
     * {@code from}, in UTF-8 binary order.
     */
    public List<ObjectMeta> listDirectory(String dir, String from) throws IOException {
        // startAfter is exclusive: start after `from` minus its last char, then drop what sorts before `from`.
        Optional<String> startAfter = from.length() > dir.length()
                ? Optional.of(from.substring(0, from.length() - 1)) : Optional.empty();
        List<ObjectMeta> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        try {
            do {
                var page = store.list(new ListQuery(dir, Optional.of("/"), startAfter, token, PAGE));
                for (ObjectMeta meta : page.objects()) {
                    if (meta.key().compareTo(from) >= 0) {
                        out.add(meta);
                    }
                }
                token = page.nextToken();
            } while (token.isPresent());
        } catch (S3Exception e) {
            throw ioFailure("list " + dir, e);
        }
        return out;
    }

    /** Whether the store holds any object under its root (one single-key listing). */
    public boolean holdsObjects() throws IOException {
        try {
            return !store.list(new ListQuery("", Optional.empty(), Optional.empty(), Optional.empty(), 1))
                    .objects().isEmpty();
        } catch (S3Exception e) {
            throw ioFailure("list the root", e);
        }
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        try {
            return statusOf(store.head(keyOf(path)));
        } catch (S3Exception e) {
            throw ioFailure("head " + path, e);
        }
    }

    @Override
    public String resolvePath(String path) {
        return path;
    }

    @Override
    public boolean mkdirs(String path) {
        throw new UnsupportedOperationException("The proxy never writes a table");
    }

    @Override
    public InputFile newInputFile(String path, long fileSize) {
        return new StoreInputFile(store, path, keyOf(path), fileSize);
    }

    @Override
    public OutputFile newOutputFile(String path) {
        throw new UnsupportedOperationException("The proxy never writes a table");
    }

    @Override
    public boolean delete(String path) {
        throw new UnsupportedOperationException("The proxy never writes a table");
    }

    @Override
    public Optional<String> getConf(String confKey) {
        return Optional.empty();
    }

    @Override
    public void copyFileAtomically(String srcPath, String destPath, boolean overwrite) {
        throw new UnsupportedOperationException("The proxy never writes a table");
    }

    private static FileStatus statusOf(ObjectMeta meta) {
        return FileStatus.of(pathOf(meta.key()), meta.size(), meta.lastModified().toEpochMilli());
    }

    /** A store failure as the IOException Kernel expects; a missing object as FileNotFoundException. */
    static IOException ioFailure(String operation, S3Exception e) {
        if (e.code() == S3ErrorCode.NO_SUCH_KEY) {
            var missing = new FileNotFoundException(operation + ": not found");
            missing.initCause(e);
            return missing;
        }
        return new IOException(operation + " failed: " + e.code().code(), e);
    }
}
