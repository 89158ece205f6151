package proxy.storage.file;

import proxy.api.storage.Utf8Order;
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
import java.util.function.Function;
import proxy.api.storage.ObjectKeys;

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
        if (!ObjectKeys.validKey(key)) {
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

    /** What a listing needs of a directory all of whose keys roll up into one common prefix. */
    enum Rollup {
        /** Every key: the listing may resume inside the directory. */
        EVERY_KEY,
        /** Any one key, which stands for the common prefix. */
        ONE_KEY,
        /** Nothing: every key under it is before the listing's marker. */
        NOTHING
    }

    /**
     * The keys starting with {@code prefix}, with their files' attributes, in UTF-8 binary order. Only the
     * directory the prefix names (up to its last {@code /}) is walked, subdirectories that cannot match are
     * skipped, and each subdirectory below the prefix is read as far as {@code rollup} says it is needed.
     *
     * @param rollup given a subdirectory's key (ending with {@code /} and starting with the prefix), what of it
     *               the listing needs
     */
    TreeMap<String, BasicFileAttributes> keysUnder(String prefix, Function<String, Rollup> rollup)
            throws IOException {
        var keys = new TreeMap<String, BasicFileAttributes>(Utf8Order.COMPARATOR);
        int slash = prefix.lastIndexOf('/');
        String dirKey = slash < 0 ? "" : prefix.substring(0, slash);
        if (!dirKey.isEmpty() && !ObjectKeys.validKey(dirKey)) {
            return keys;
        }
        Path start = dirKey.isEmpty() ? root : root.resolve(dirKey).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return keys;
        }
        Files.walkFileTree(start, new Collector(start, prefix, rollup, keys));
        return keys;
    }

    private final class Collector extends SimpleFileVisitor<Path> {
        private final Path start;
        private final String prefix;
        private final Function<String, Rollup> rollup;
        private final Map<String, BasicFileAttributes> keys;
        private final boolean firstOnly;

        Collector(Path start, String prefix, Function<String, Rollup> rollup,
                  Map<String, BasicFileAttributes> keys) {
            this(start, prefix, rollup, keys, false);
        }

        private Collector(Path start, String prefix, Function<String, Rollup> rollup,
                          Map<String, BasicFileAttributes> keys, boolean firstOnly) {
            this.start = start;
            this.prefix = prefix;
            this.rollup = rollup;
            this.keys = keys;
            this.firstOnly = firstOnly;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (firstOnly || dir.equals(start)) {
                return FileVisitResult.CONTINUE;
            }
            String dirKey = keyOf(dir) + "/";
            if (!dirKey.startsWith(prefix)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return switch (rollup.apply(dirKey)) {
                case EVERY_KEY -> FileVisitResult.CONTINUE;
                case ONE_KEY -> {
                    Files.walkFileTree(dir, new Collector(dir, prefix, rollup, keys, true));
                    yield FileVisitResult.SKIP_SUBTREE;
                }
                case NOTHING -> FileVisitResult.SKIP_SUBTREE;
            };
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String key = keyOf(file);
            if (!key.startsWith(prefix)) {
                return FileVisitResult.CONTINUE;
            }
            Optional<BasicFileAttributes> fileAttrs = attrs.isRegularFile() ? Optional.of(attrs)
                    : attrs.isSymbolicLink() ? linkedFile(file) : Optional.empty();
            fileAttrs.ifPresent(a -> keys.put(key, a));
            return firstOnly && fileAttrs.isPresent() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
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
}
