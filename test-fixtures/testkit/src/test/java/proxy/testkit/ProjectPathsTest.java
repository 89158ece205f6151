package proxy.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ProjectPathsTest {

    @Test
    void rootContainsTheMavenWrapper() {
        assertTrue(Files.isRegularFile(ProjectPaths.root().resolve("mvnw")));
    }

    @Test
    void fixtureTablesLiveUnderTestFixtures() {
        assertTrue(ProjectPaths.fixtureTables().endsWith("test-fixtures/tables"));
        ProjectPaths.goldenTables().ifPresent(g -> assertTrue(Files.isDirectory(g)));
    }
}
