package proxy.storage.file;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The key space of one directory: maps keys to files and walks the tree. Defence in depth: a key that would
 * leave the root (dot segments, an absolute path, a symbolic link pointing outside) maps to nothing, and a
 * symbolic link is listed only when it resolves to a regular file inside the root. Directories are not keys.
 */
final class FileTree {

    private static final System.Logger LOG = System.getLogger(FileTree.class.getName());

    private final Path root;

    /** @param root an existing directory; its real path is used from then on */
    FileTree(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** The regular file a key names, if it is inside the root. */
    Optional<Path> resolve(String key) {
        if (!validSegments(key, false)) {
            return Optional.empty();
        }
        try {
            Path path = root.resolve(key).normalize();
            if (!path.startsWith(root)) {
                return Optional.empty();
            }
            Path real = path.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Every key starting with {@code prefix}, with its file's attributes, in UTF-8 binary order. Only the
     * directory the prefix names (up to its last {@code /}) is walked.
     */
    TreeMap<String, BasicFileAttributes> keysUnder(String prefix) throws IOException {
        var keys = new TreeMap<String, BasicFileAttributes>(Utf8Order.KEYS);
        int slash = prefix.lastIndexOf('/');
        String dirKey = slash < 0 ? "" : prefix.substring(0, slash);
        if (!dirKey.isEmpty() && !validSegments(dirKey, true)) {
            return keys;
        }
        Path start = dirKey.isEmpty() ? root : root.resolve(dirKey).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return keys;
        }
        Files.walkFileTree(start, new Collector(prefix, keys));
        return keys;
    }

    private final class Collector extends SimpleFileVisitor<Path> {
        private final String prefix;
        private final Map<String, BasicFileAttributes> keys;

        Collector(String prefix, Map<String, BasicFileAttributes> keys) {
            this.prefix = prefix;
            this.keys = keys;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            String key = keyOf(file);
            if (!key.startsWith(prefix)) {
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isRegularFile()) {
                keys.put(key, attrs);
            } else if (attrs.isSymbolicLink()) {
                linkedFile(file).ifPresent(a -> keys.put(key, a));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "file store: skipping unreadable " + file, e);
            return FileVisitResult.CONTINUE;
        }
    }

    private Optional<BasicFileAttributes> linkedFile(Path link) {
        try {
            Path real = link.toRealPath();
            if (!real.startsWith(root)) {
                return Optional.empty();
            }
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
            return attrs.isRegularFile() ? Optional.of(attrs) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String keyOf(Path file) {
        String relative = root.relativize(file).toString();
        String separator = file.getFileSystem().getSeparator();
        return separator.equals("/") ? relative : relative.replace(separator, "/");
    }

    private static boolean validSegments(String key, boolean directory) {
        if (key.isEmpty() || key.indexOf('\0') >= 0 || key.indexOf('\\') >= 0) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return !directory || !key.endsWith("/");
    }
}
