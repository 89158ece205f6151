package proxy.testkit;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a directory tree, such as a fixture table, to where a test may change it. */
public final class TreeCopy {

    private TreeCopy() {
    }

    /**
     * Copies every directory and file under {@code from} to the same relative place under {@code to} (created when
     * absent); an existing file is not replaced.
     *
     * @param options for each file, e.g. {@link java.nio.file.StandardCopyOption#COPY_ATTRIBUTES}
     * @return {@code to}
     */
    public static Path copy(Path from, Path to, CopyOption... options) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, options);
                }
            }
        }
        return to;
    }
}
