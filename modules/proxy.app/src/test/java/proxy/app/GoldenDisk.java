package proxy.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import proxy.api.delta.LogNames;
import proxy.testkit.ProjectPaths;

/**
 * Every file of a golden table directory as a key relative to the table root.
 *
 * @param logKeys        the files under {@code _delta_log/} that the Delta protocol names
 * @param foreignLogKeys the other files under {@code _delta_log/} (Hadoop's hidden {@code .*.crc} side files)
 * @param otherKeys      every other file: data, cdc, deletion vectors, {@code .crc}, orphans
 */
record GoldenDisk(SortedSet<String> logKeys, SortedSet<String> foreignLogKeys, SortedSet<String> otherKeys) {

    static GoldenDisk of(Path table) {
        SortedSet<String> log = new TreeSet<>();
        SortedSet<String> foreign = new TreeSet<>();
        SortedSet<String> other = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(table)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                String key = table.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                (!LogNames.inLog(key) ? other : LogNames.isProtocolFile(key) ? log : foreign).add(key);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GoldenDisk(log, foreign, other);
    }

    /**
     * The shared golden tables: {@code <project root>/../shared/golden}, else the first {@code shared/golden} in a
     * parent of the project root (a git worktree lives deeper than the main checkout); empty when there is none.
     */
    static Optional<Path> goldenRoot() {
        Path root = ProjectPaths.root();
        Path direct = root.resolve("../shared/golden").normalize();
        if (Files.isDirectory(direct)) {
            return Optional.of(direct);
        }
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/golden"))) {
                return Optional.of(dir.resolve("shared/golden"));
            }
        }
        return Optional.empty();
    }

    /** The golden table directories (those with a {@code _delta_log}), by name. */
    static List<Path> tables(Path golden) {
        try (Stream<Path> dirs = Files.list(golden)) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
