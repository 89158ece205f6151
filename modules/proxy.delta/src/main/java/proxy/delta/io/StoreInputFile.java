package proxy.delta.io;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.IOException;
import java.util.Objects;
import proxy.api.S3Exception;
import proxy.api.storage.ObjectStore;

/** One object of the store as Kernel's readable file; its length comes from the listing, or a HEAD. */
final class StoreInputFile implements InputFile {
    private final ObjectStore store;
    private final String path;
    private final String key;
    private long length;

    StoreInputFile(ObjectStore store, String path, String key, long length) {
        this.store = Objects.requireNonNull(store, "store");
        this.path = Objects.requireNonNull(path, "path");
        this.key = Objects.requireNonNull(key, "key");
        this.length = length;
    }

    @Override
    public long length() throws IOException {
        if (length < 0) {
            try {
                length = store.head(key).size();
            } catch (S3Exception e) {
                throw StoreFileIO.ioFailure("head " + key, e);
            }
        }
        return length;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new StoreSeekableInputStream(store, key, length());
    }
}
