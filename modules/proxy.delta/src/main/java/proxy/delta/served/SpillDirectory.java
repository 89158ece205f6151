package proxy.delta.served;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The directory of one process's filtered log objects and build spills: {@code delta-s3-proxy-filtered-log-*} under
 * a parent (by default {@code java.io.tmpdir}), readable by its owner only, holding a {@code .lock} file that the
 * process keeps locked while it lives. {@link #close()} deletes it. {@link #create} first deletes the directories a
 * process that died left behind: those with this prefix, owned by the same user, whose lock it can take (a live
 * process holds its own; the operating system releases a dead one's). Nothing else under the parent is touched.
 */
public final class SpillDirectory implements AutoCloseable {
    /** The name prefix of every spill directory. */
    public static final String PREFIX = "delta-s3-proxy-filtered-log-";
    static final String LOCK = ".lock";

    private static final System.Logger LOG = System.getLogger(SpillDirectory.class.getName());
    /**
     * The lock files of this JVM's live directories. They are never opened by {@link #removeIfDead}: closing any
     * channel of a file releases every lock the process holds on it, so another process would then take a live
     * directory for a dead one.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed; // guarded by this

    private SpillDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates this process's directory under {@code parent} and deletes stale ones of dead processes there.
     *
     * @throws UncheckedIOException when the directory or its lock cannot be created
     */
    public static SpillDirectory create(Path parent) {
        Objects.requireNonNull(parent, "parent");
        SpillDirectory created;
        try {
            Path dir = Files.createTempDirectory(parent, PREFIX); // rwx------ on POSIX
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            created = new SpillDirectory(dir, channel, channel.lock());
            HELD.add(dir.resolve(LOCK).toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the spill directory of the filtered log under " + parent, e);
        }
        int removed = created.removeStale();
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "removed {0} spill directories of stopped processes under {1}",
                    removed, parent);
        }
        return created;
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /** Deletes the directories of dead processes beside this one; returns how many. */
    private int removeStale() {
        UserPrincipal owner;
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir.getParent(), PREFIX + "*")) {
            owner = Files.getOwner(dir);
            siblings.forEach(candidates::add);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot look for stale spill directories: {0}", e.toString());
            return 0;
        }
        int removed = 0;
        for (Path candidate : candidates) {
            try {
                if (!candidate.equals(dir) && Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                        && owner.equals(Files.getOwner(candidate, LinkOption.NOFOLLOW_LINKS)) && removeIfDead(candidate)) {
                    removed++;
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove stale spill directory {0}: {1}", candidate, e);
            }
        }
        return removed;
    }

    /** Deletes a directory whose lock no process holds; false when one does or it has no lock file. */
    private static boolean removeIfDead(Path candidate) throws IOException {
        Path lockFile = candidate.resolve(LOCK);
        if (HELD.contains(lockFile.toAbsolutePath().normalize())
                || !Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock taken;
            try {
                taken = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // held by this JVM (and by now released by this channel: HELD keeps us from here)
            }
            if (taken == null) {
                return false; // held by a live process
            }
            deleteContents(candidate);
            Files.deleteIfExists(lockFile);
        } catch (NoSuchFileException e) {
            return false; // removed meanwhile by another starting process
        }
        Files.deleteIfExists(candidate);
        return true;
    }

    /** Deletes everything in a directory but its lock file (links themselves, never what they point to). */
    private static void deleteContents(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(directory) && !p.equals(directory.resolve(LOCK))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Deletes the directory and everything in it; idempotent. Call once nothing reads from it any more. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteContents(dir);
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(dir.resolve(LOCK));
            HELD.remove(dir.resolve(LOCK).toAbsolutePath().normalize());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the spill directory {0}: {1}", dir, e.toString());
        }
    }
}
