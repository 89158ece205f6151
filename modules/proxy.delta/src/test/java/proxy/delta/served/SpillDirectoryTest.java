package proxy.delta.served;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spill directory: one per process under its parent, owner-only, deleted on close; at start, the directories a
 * dead process left are deleted, while a live process's (another JVM's, holding its lock), an unlocked directory
 * without our lock file and anything not named with our prefix stay.
 */
class SpillDirectoryTest {
    @TempDir
    Path parent;

    @Test
    void eachProcessGetsAnOwnerOnlyDirectoryThatCloseDeletes() throws IOException {
        try (SpillDirectory a = SpillDirectory.create(parent); SpillDirectory b = SpillDirectory.create(parent)) {
            assertTrue(a.path().getFileName().toString().startsWith(SpillDirectory.PREFIX));
            assertEquals(parent, a.path().getParent());
            assertFalse(a.path().equals(b.path()));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.path())));
            Files.writeString(a.path().resolve("filtered-1.bin"), "x");
            Files.createDirectory(a.path().resolve("spill"));
            Files.writeString(a.path().resolve("spill/part"), "y");
            a.close();
            assertFalse(Files.exists(a.path()), "deleted on close");
            assertTrue(Files.isDirectory(b.path()), "another live directory of this JVM stays");
        }
        assertEquals(List.of(), names());
    }

    @Test
    void aSecondDirectoryOfThisJvmKeepsTheFirstLockedForOtherProcesses() throws Exception {
        // Closing any channel of a file drops every lock the process holds on it: the second start must not open the
        // first's lock file, or the next process to start would take the first's directory for a dead one.
        try (SpillDirectory first = SpillDirectory.create(parent); SpillDirectory second = SpillDirectory.create(parent)) {
            Process other = holder();
            try (var out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
                assertTrue(Files.isDirectory(Path.of(out.readLine())));
                assertTrue(Files.isDirectory(first.path()), "another process left the first directory alone");
                assertTrue(Files.isDirectory(second.path()));
            } finally {
                other.getOutputStream().close();
                assertTrue(other.waitFor(60, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void startingRemovesOnlyTheDirectoriesOfDeadProcesses() throws Exception {
        Process live = holder();
        try (var out = new BufferedReader(new InputStreamReader(live.getInputStream(), StandardCharsets.UTF_8))) {
            Path held = Path.of(out.readLine());
            Path dead = Files.createDirectory(parent.resolve(SpillDirectory.PREFIX + "dead"));
            Files.writeString(dead.resolve(SpillDirectory.LOCK), "");
            Files.writeString(dead.resolve("filtered-9.bin"), "stale");
            Path foreign = Files.createDirectory(parent.resolve(SpillDirectory.PREFIX + "nolock"));
            Path other = Files.createDirectory(parent.resolve("someone-else"));
            try (SpillDirectory mine = SpillDirectory.create(parent)) {
                assertFalse(Files.exists(dead), "a dead process's directory is removed");
                assertTrue(Files.isDirectory(held), "a live process's directory stays");
                assertTrue(Files.isDirectory(foreign) && Files.isDirectory(other), "only our locked directories");
                assertTrue(Files.isDirectory(mine.path()));
            }
            live.getOutputStream().close(); // the holder closes its directory and exits
            assertTrue(live.waitFor(60, TimeUnit.SECONDS));
            assertFalse(Files.exists(held), "the holder deleted its own on close");
        } finally {
            live.destroyForcibly();
        }
    }

    @Test
    void aKilledProcessesDirectoryIsRemovedByTheNextStart() throws Exception {
        Process killed = holder();
        Path held;
        try (var out = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
            held = Path.of(out.readLine());
        } finally {
            killed.destroyForcibly();
        }
        assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.isDirectory(held), "a killed process leaves its directory");
        try (SpillDirectory mine = SpillDirectory.create(parent)) {
            assertFalse(Files.exists(held), "the next start removes it");
        }
    }

    /** Another JVM that creates a spill directory under {@link #parent}, prints it, and holds it until stdin ends. */
    private Process holder() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SpillHolder.class.getName(), parent.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(parent)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
