package proxy.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the project's checked-in fixtures and the shared golden tables are. */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    /**
     * The project root: the system property {@code project.root} (surefire sets it), else the nearest directory
     * at or above {@code user.dir} that contains {@code mvnw}.
     *
     * @throws IllegalStateException when neither finds it
     */
    public static Path root() {
        String property = System.getProperty("project.root");
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.normalize();
            }
        }
        throw new IllegalStateException("project root not found: set -Dproject.root or run inside the project");
    }

    /** {@code <root>/test-fixtures/tables}: the checked-in fixture tables. */
    public static Path fixtureTables() {
        return root().resolve("test-fixtures").resolve("tables");
    }

    /**
     * {@code <root>/test-fixtures/spark-tables}: small tables written by Spark (delta-spark's own test tables, with
     * deletion vectors), which the Kernel-based generator cannot write; not replaced by a regeneration.
     */
    public static Path sparkTables() {
        return root().resolve("test-fixtures").resolve("spark-tables");
    }

    /** {@code <root>/../shared/golden} when it is a directory; tests skip when empty. */
    public static Optional<Path> goldenTables() {
        Path golden = root().resolve("..").resolve("shared").resolve("golden").normalize();
        return Files.isDirectory(golden) ? Optional.of(golden) : Optional.empty();
    }
}
