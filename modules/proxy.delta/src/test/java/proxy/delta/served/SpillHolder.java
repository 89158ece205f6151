package proxy.delta.served;

import java.nio.file.Path;

/**
 * For {@link SpillDirectoryTest}: creates a spill directory under the given parent in this (forked) JVM, prints its
 * path, and closes it once standard input ends.
 */
public final class SpillHolder {
    private SpillHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (SpillDirectory dir = SpillDirectory.create(Path.of(args[0]))) {
            System.out.println(dir.path());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
