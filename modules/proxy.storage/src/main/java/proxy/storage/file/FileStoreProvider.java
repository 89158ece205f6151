package proxy.storage.file;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import proxy.api.config.ConfigException;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.ObjectStoreProvider;
import proxy.api.storage.StoreContext;

/** The {@code file} store: a table root such as {@code file:/data/tables/trades} served with java.nio. */
public final class FileStoreProvider implements ObjectStoreProvider {

    @Override
    public String name() {
        return "file";
    }

    /**
     * @throws ConfigException naming {@code tableMapping.<alias>} when the root is not a {@code file:} URI with
     *                         an absolute path to an existing directory
     */
    @Override
    public ObjectStore create(StoreContext context) {
        URI root = context.root();
        String key = "tableMapping." + context.alias();
        if (!"file".equalsIgnoreCase(root.getScheme()) || root.isOpaque() || root.getPath() == null
                || root.getAuthority() != null || root.getQuery() != null || root.getFragment() != null) {
            throw new ConfigException(key, "a file table root must look like file:/absolute/path");
        }
        Path dir;
        try {
            dir = Path.of(root);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "is not a usable file path");
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(key, "directory " + dir + " does not exist");
        }
        return new FileStore(root, dir);
    }
}
